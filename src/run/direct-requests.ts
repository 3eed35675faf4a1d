/**
 * Fixture requests sent by the runner itself, with node:http(s) instead of newman: the teardown
 * after a run that newman did not finish (interrupted, aborted after a failed setup, stuck), when
 * the fixtures must still be removed. Templates are resolved as newman resolves them (wire/template.ts,
 * Postman's own rules): the environment's variables over the collection's, nested `{{variables}}` included.
 */
import http from 'node:http';
import https from 'node:https';
import { COLLECTION_VARIABLES, FIXTURE_CREDENTIALS, type StepRequest } from '../cases/operations.js';
import { environmentVariables, type PostmanEnvironment } from './environment.js';
import { clientTlsOptions, headerPairs } from './preflight.js';
import { resolveTemplate } from '../wire/template.js';
import type { ClientTls } from '../tls-files.js';

export interface DirectClientOptions extends ClientTls {
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export type DirectAnswer = { readonly status: number; readonly headers: readonly (readonly [string, string])[]; readonly body: Buffer } | { readonly error: string };

/** The variables a collection run sees: the collection's, then the environment's over them. */
export function runVariables(environment: PostmanEnvironment): ReadonlyMap<string, string> {
  return new Map([...Object.entries(COLLECTION_VARIABLES), ...environmentVariables(environment)]);
}

/** Sends one fixture request with the fixture credentials; resolves with the answer or the connection error. */
export function sendDirect(step: StepRequest, variables: ReadonlyMap<string, string>, options: DirectClientOptions): Promise<DirectAnswer> {
  const url = new URL(`${options.baseUrl}${resolveTemplate(step.path, variables)}`);
  const client = url.protocol === 'https:' ? https : http;
  const headers = [...step.headers, ...FIXTURE_CREDENTIALS].map(([name, value]) => [name, resolveTemplate(value, variables)] as const);
  const body = step.body === undefined ? undefined : Buffer.from(resolveTemplate(step.body, variables), 'utf8');
  return new Promise<DirectAnswer>((resolve) => {
    let tls = {};
    try {
      tls = url.protocol === 'https:' ? clientTlsOptions(options) : {};
    } catch (error) {
      resolve({ error: (error as Error).message });
      return;
    }
    const request = client.request(
      url,
      {
        method: step.method,
        agent: false,
        headers: Object.fromEntries([...headers, ...(body ? [['Content-Length', String(body.length)] as const] : [])]),
        ...tls,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: headerPairs(response.rawHeaders), body: Buffer.concat(chunks) }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    request.setTimeout(options.timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.end(body);
  });
}
