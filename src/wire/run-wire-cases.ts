/**
 * Runs the selected wire cases over raw sockets against a real target: derives the case's values,
 * builds its bytes, sends them, and records what happened (a `WireRecord`), which the run judges
 * as it judges every engine's records (src/run/case-result.ts). When the connection ends without a
 * response, a well-formed request on a new connection tells a deliberate close from a crash.
 *
 * Without a real target (`realTarget` false) every wire case is recorded as not sent, with the
 * reason, never dropped; the embedded run gives them the reference served on a loopback port
 * instead (src/run/), since nock sees only requests made through node:http.
 */
import { caseMethod, caseTarget, isWireCase, unmetPrecondition } from '../cases/case-request.js';
import { SECRET_VARIABLES, type ConformanceCase, type Derivation, type WireCase, type WirePart } from '../cases/model.js';
import { COLLECTION_VARIABLES } from '../cases/operations.js';
import type { HeaderPair, LivenessProbe } from '../judge/exchange.js';
import { readCa, readPem, type ClientTls } from '../tls-files.js';
import { buildWireBytes, escapeWireText, latin1Bytes } from './bytes.js';
import type { WireResponse } from './response-parser.js';
import { exchangeBytes, hostOf, type WireOutcome, type WireTarget } from './socket-exchange.js';
import { resolveTemplate } from './template.js';
import { deriveAll } from './transforms.js';

export const EMBEDDED_SKIP_REASON = 'wire cases need a real socket: run against serve or a target';

/** What the runner recorded of a wire case: what the run judges it on (src/run/case-result.ts). */
export interface WireRecord {
  readonly kind: 'wire';
  readonly id: string;
  /** Why it was not sent (a precondition the run lacks, no real socket); absent when it was. */
  readonly notSent?: string;
  /** The request as a report shows it, before masking: public variables resolved, secrets as `{{placeholders}}`, raw bytes escaped. */
  readonly request?: { readonly method: string; readonly path: string; readonly headers: readonly HeaderPair[] };
  /** Why its bytes could not be built: nothing was sent. */
  readonly buildError?: string;
  /** What the exchange came to; absent when nothing was sent. */
  readonly outcome?: WireOutcome;
  /** Present when the connection ended without a response: whether the server still answers. */
  readonly probe?: LivenessProbe;
  /** The derived values that are credentials (made from a secret), unmasked: shown as their placeholders. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Credentials the request carried, by label (`the accessKey variable`), for the echo check. */
  readonly secrets: readonly HeaderPair[];
  /** What its templates resolve with: the run's variables, the wire variables, its derived values. */
  readonly scope: ReadonlyMap<string, string>;
  readonly durationMs?: number;
}

export interface WireRunOptions {
  /** The selected cases; those of another kind than `wire` are ignored. */
  readonly cases: readonly ConformanceCase[];
  /** False for the embedded reference: every wire case is then recorded as not sent, with the reason. */
  readonly realTarget: boolean;
  readonly baseUrl: string;
  /** The run's environment variables (secret ones included), after its overrides. */
  readonly environment: ReadonlyMap<string, string>;
  readonly timeoutMs: number;
  readonly tls?: ClientTls;
  /** Told a case's id before its bytes go out. */
  readonly onStart?: (id: string) => void;
  /** Told each record as it completes. */
  readonly onRecord?: (record: WireRecord) => void;
  /** Stops the run between two cases (SIGINT, SIGTERM): rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Cases in flight at once (each on connections of its own: they share no state); default 1. */
  readonly concurrency?: number;
  /**
   * Told a case's answer: resolves true to send the case's bytes again, on a new connection (the
   * run waits first for a 429 or 503 with Retry-After, src/run/); the last answer is recorded.
   */
  readonly again?: (id: string, response: WireResponse) => Promise<boolean>;
}

function notSent(testCase: WireCase, reason: string): WireRecord {
  return { kind: 'wire', id: testCase.id, notSent: reason, credentials: {}, secrets: [], scope: new Map() };
}

/** Every variable a wire case may use: the collection's defaults, the environment over them, and the wire variables. */
export function wireVariables(environment: ReadonlyMap<string, string>, baseUrl: string): Map<string, string> {
  const scheme = new URL(baseUrl).protocol.replace(/:$/, '');
  const origin = `${scheme}://${hostOf(baseUrl)}${basePathOf(baseUrl)}`;
  return new Map([...Object.entries(COLLECTION_VARIABLES), ...environment, ['host', hostOf(baseUrl)], ['scheme', scheme], ['origin', origin]]);
}

/** The base URL's path without its trailing slash: `''`, or e.g. `/api` for `https://host/api/`. */
function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/**
 * A request target under the base URL's path, where newman's `{{baseUrl}}<path>` puts it. Only an
 * origin-form target (`/…`) moves: an absolute-form one starts with `{{origin}}`, which holds the
 * base path, and the asterisk form has no path.
 */
function targetUnder(target: string, basePath: string): string {
  return target.startsWith('/') ? `${basePath}${target}` : target;
}

/** A case's parts as sent to `baseUrl`: request targets under its path. */
export function wireRequestParts(parts: readonly WirePart[], baseUrl: string): readonly WirePart[] {
  return underBasePath(parts, basePathOf(baseUrl));
}

function underBasePath(parts: readonly WirePart[], basePath: string): readonly WirePart[] {
  if (basePath === '') return parts;
  return parts.map((part) => (part.kind === 'request-line' ? { ...part, target: targetUnder(part.target, basePath) } : part));
}

/** The header lines of a case as a report shows them, before masking: secrets and derived values as placeholders, the rest resolved, escaped. */
function reportedHeaders(parts: readonly WirePart[], publicVariables: ReadonlyMap<string, string>): HeaderPair[] {
  const shown = (text: string): string => escapeWireText(resolveTemplate(text, publicVariables));
  return parts.flatMap((part): HeaderPair[] => {
    if (part.kind === 'header') return [[shown(part.name), shown(part.value)]];
    if (part.kind === 'bytes') return [['(raw bytes)', shown(part.text)]];
    if (part.kind === 'body') return [['(body)', shown(part.text)]];
    return [];
  });
}

/** The parts of each request: a new one starts at each request line (several: one after the other on one connection, the last judged). */
function requestsOf(parts: readonly WirePart[]): WirePart[][] {
  const requests: WirePart[][] = [];
  for (const part of parts) {
    if (part.kind === 'request-line' || requests.length === 0) requests.push([part]);
    else requests.at(-1)!.push(part);
  }
  return requests;
}

/** A request with no credential, on a fresh connection: any HTTP response means the server is up. */
async function probe(target: WireTarget): Promise<LivenessProbe> {
  const bytes = latin1Bytes(`GET / HTTP/1.1\r\nHost: ${hostOf(target.baseUrl)}\r\nConnection: close\r\n\r\n`);
  const outcome = await exchangeBytes(target, bytes);
  if (outcome.kind === 'response') return { alive: true };
  return { alive: false, what: describeProbe(outcome) };
}

function describeProbe(outcome: Exclude<WireOutcome, { kind: 'response' }>): string {
  switch (outcome.kind) {
    case 'connect-failed':
      return `no connection (${outcome.code})`;
    case 'timeout':
      return 'no response in time';
    case 'malformed':
      return `a malformed response (${outcome.reason})`;
    case 'closed':
      return 'the connection closed without a response';
    case 'reset':
      return `the connection reset (${outcome.code})`;
    case 'not-reused':
      return outcome.reason;
  }
}

/** The derivations that take a secret variable, directly or through an earlier one of them. */
function derivedFromSecrets(derivations: readonly Derivation[]): Set<string> {
  const names = new Set<string>();
  for (const { name, from } of derivations) {
    const used = [...from.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1] ?? '');
    if (used.some((variable) => (SECRET_VARIABLES as readonly string[]).includes(variable) || names.has(variable))) names.add(name);
  }
  return names;
}

async function runOne(testCase: WireCase, target: WireTarget, variables: ReadonlyMap<string, string>, again?: WireRunOptions['again']): Promise<WireRecord> {
  const { wire } = testCase;
  const basePath = basePathOf(target.baseUrl);
  const parts = underBasePath(wire.parts, basePath);
  const unmet = unmetPrecondition(testCase, variables);
  if (unmet !== undefined) return notSent(testCase, unmet);

  const derived = deriveAll(testCase.derive ?? [], variables);
  const credentialNames = derivedFromSecrets(testCase.derive ?? []);
  const secrets = new Map<string, string>(SECRET_VARIABLES.flatMap((name) => (variables.get(name) ? [[name, variables.get(name) ?? ''] as const] : [])));
  const publicVariables = new Map([...variables].filter(([name]) => !secrets.has(name)));
  // Derived from a secret, a value is a credential (a token, a mutated key); from a literal it is padding, and from a
  // public variable (the container in the other letter case) a path a 404 may quote.
  const credentials = new Map([...derived].filter(([name]) => credentialNames.has(name)));
  const method = caseMethod(testCase);
  const scope = new Map([...variables, ...derived]);
  const record = {
    kind: 'wire' as const,
    id: testCase.id,
    request: { method, path: resolveTemplate(targetUnder(caseTarget(testCase), basePath), publicVariables), headers: reportedHeaders(parts, publicVariables) },
    credentials: Object.fromEntries(credentials),
    secrets: [
      ...[...secrets].map(([name, value]) => [`the ${name} variable`, value] as const),
      ...[...credentials].map(([name, value]) => [`the derived ${name} value`, value] as const),
    ],
    scope,
  };
  let bytes: Buffer[];
  try {
    bytes = requestsOf(parts).map((request) => buildWireBytes(request, scope));
  } catch (error) {
    return { ...record, buildError: (error as Error).message };
  }
  const sent = performance.now();
  const send = (): Promise<WireOutcome> => exchangeBytes(target, bytes, { headRequest: method.toUpperCase() === 'HEAD' });
  let outcome = await send();
  while (outcome.kind === 'response' && again && (await again(testCase.id, outcome.response))) outcome = await send();
  const dropped = outcome.kind === 'closed' || outcome.kind === 'reset';
  const probed = dropped ? { probe: await probe(target) } : {};
  return { ...record, outcome, ...probed, durationMs: Math.round(performance.now() - sent) };
}

/** Records of the selected wire cases, in the order given; not sent ones for the embedded reference. */
export async function runWireCases(options: WireRunOptions): Promise<WireRecord[]> {
  const cases = options.cases.filter(isWireCase);
  if (!options.realTarget) {
    return cases.map((testCase) => {
      const record = notSent(testCase, EMBEDDED_SKIP_REASON);
      options.onRecord?.(record);
      return record;
    });
  }
  if (cases.length === 0) return [];
  const tls = options.tls ?? {};
  const target: WireTarget = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    insecure: tls.insecure,
    ...(tls.caFile ? { ca: [readCa(tls.caFile)] } : {}),
    ...(tls.certFile && tls.keyFile ? { cert: readPem(tls.certFile, 'client certificate'), key: readPem(tls.keyFile, 'client key') } : {}),
  };
  const variables = wireVariables(options.environment, options.baseUrl);
  const records: WireRecord[] = new Array<WireRecord>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      options.signal?.throwIfAborted();
      const index = next++;
      options.onStart?.(cases[index]!.id);
      const record = await runOne(cases[index]!, target, variables, options.again);
      options.onRecord?.(record);
      records[index] = record;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, cases.length)) }, worker));
  return records;
}
