/**
 * A small HTTP server and a newman run for the generator's end-to-end tests: the server records
 * every request and answers each with a fixed behaviour.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import newman from 'newman';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

export type Responder = (request: RecordedRequest, res: ServerResponse) => void;

/** 401 with a Basic challenge and a V3IO error body, to everything. */
export const rejectEverything: Responder = (_request, res) => {
  const body = JSON.stringify({ ErrorCode: -1, ErrorMessage: 'Unauthorized' });
  res.writeHead(401, {
    'WWW-Authenticate': 'Basic realm="v3io"',
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
};

/**
 * 401 with a challenge and a plain-text body that repeats the request's URL and headers, and the
 * decoded user-id and password of Basic credentials.
 */
export const echoEverything: Responder = (request, res) => {
  const basic = headerValues(request, 'authorization').flatMap((v) => (/^Basic (.*)$/.exec(v) ? [Buffer.from(v.slice(6), 'base64').toString('utf8')] : []));
  const body = [`you sent ${request.url}`, ...request.rawHeaders, ...basic.map((pair) => `as ${pair}`)].join('\n');
  res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="v3io"', 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

/**
 * 200 with the operation's normal response to everything: the fixture object's content, a
 * GetItem body, a container listing; 204 to writes and deletes.
 */
export const acceptEverything: Responder = (request, res) => {
  const send = (status: number, type: string, body: string): void => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (request.method === 'PUT' || request.method === 'DELETE') return send(204, 'text/plain', '');
  if (headerValues(request, 'x-v3io-function')[0] === 'GetItem') {
    return send(200, 'application/json', JSON.stringify({ Item: { note: { S: 'x' }, count: { N: '1' }, ok: { BOOL: true }, blob: { B: 'AAE=' } } }));
  }
  if (request.url.includes('?max-keys=')) return send(200, 'application/xml', '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>bigdata</Name><NextMarker></NextMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>');
  return send(200, 'text/plain', 'v3io-auth-conformance fixture object');
};

/** No answer: the connection is reset. */
export const resetEverything: Responder = (_request, res) => {
  res.socket?.destroy();
};

export interface TestServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(responder: Responder): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      responder(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface AssertionResult {
  readonly item: string;
  readonly name: string;
  readonly error?: string;
  /** `pm.test.skip`: the check could not be made (a preparation that was not done). */
  readonly skipped?: true;
}

export interface RunResult {
  /** Ids of the items newman started, in order. */
  readonly started: string[];
  /** Ids of the items whose own request was sent (not a pm.sendRequest one). */
  readonly sent: string[];
  readonly assertions: AssertionResult[];
  /** Script errors (a script that threw outside pm.test). */
  readonly exceptions: string[];
  readonly console: string[];
}

interface EventArgs {
  item?: { id: string };
  assertion?: string;
  skipped?: boolean;
  error?: { message?: string };
  messages?: unknown[];
}

export function runCollection(collection: object, variables: Readonly<Record<string, string>>): Promise<RunResult> {
  const environment = { name: 'test', values: Object.entries(variables).map(([key, value]) => ({ key, value, enabled: true })) };
  const result: RunResult = { started: [], sent: [], assertions: [], exceptions: [], console: [] };
  return new Promise((resolve, reject) => {
    const emitter = newman.run({ collection: collection as never, environment: environment as never, reporters: [] }, (err: Error | null) =>
      err ? reject(err) : resolve(result),
    );
    const ids = new Set<string>();
    emitter.on('beforeItem', (_err: unknown, args: EventArgs) => {
      if (args.item) {
        ids.add(args.item.id);
        result.started.push(args.item.id);
      }
    });
    emitter.on('request', (_err: unknown, args: EventArgs) => {
      if (args.item && ids.has(args.item.id)) result.sent.push(args.item.id);
    });
    emitter.on('assertion', (err: { message?: string } | null, args: EventArgs) => {
      result.assertions.push({ item: args.item?.id ?? '?', name: args.assertion ?? '?', ...(err ? { error: err.message ?? '' } : {}), ...(args.skipped ? { skipped: true as const } : {}) });
    });
    emitter.on('exception', (_err: unknown, args: EventArgs) => result.exceptions.push(args.error?.message ?? 'script error'));
    emitter.on('console', (_err: unknown, args: EventArgs) => result.console.push((args.messages ?? []).map(String).join(' ')));
  });
}

/** The values of a header in a recorded request, in order. */
export function headerValues(request: RecordedRequest, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) values.push(request.rawHeaders[i + 1]!);
  }
  return values;
}
