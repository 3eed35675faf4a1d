/**
 * Runs the selected wire cases over raw sockets against a real target, one after the other:
 * derives the case's values, builds its bytes, sends them, and judges what happened. When the
 * connection ends without a response, a well-formed request on a new connection tells a
 * deliberate close from a crash.
 *
 * Without a real target (`realTarget` false) every wire case is reported as skipped, with the
 * reason, never dropped; the embedded run gives them the reference served on a loopback port
 * instead (run-suite.ts), since nock sees only requests made through node:http.
 */
import { caseMethod, caseTarget, isWireCase, unmetPrecondition } from '../cases/case-request.js';
import { SECRET_VARIABLES, type ConformanceCase, type Derivation, type OperationId, type WireCase, type WirePart } from '../cases/model.js';
import { COLLECTION_VARIABLES, type Operation, type SchemaId } from '../cases/operations.js';
import { readCa, readPem, type ClientTls } from '../tls-files.js';
import { MAX_HEADER_VALUE, shorten } from '../results/excerpt.js';
import { placeholders } from '../results/placeholders.js';
import type { CaseResult, HeaderRecord, SentRequest } from '../results/results.js';
import { buildWireBytes, escapeWireText, latin1Bytes } from './bytes.js';
import { judgeWireCase, resultBase, type LivenessProbe } from './judge.js';
import { exchangeBytes, hostOf, type WireOutcome, type WireTarget } from './socket-exchange.js';
import { resolveTemplate } from './template.js';
import { deriveAll } from './transforms.js';

export const EMBEDDED_SKIP_REASON = 'wire cases need a real socket: run against serve or a target';

export interface WireRunOptions extends ClientTls {
  /** The selected cases; those of another kind than `wire` are ignored. */
  readonly cases: readonly ConformanceCase[];
  /** False for the embedded reference: every wire case is then skipped, with the reason. */
  readonly realTarget: boolean;
  readonly baseUrl: string;
  /** The run's environment variables (secret ones included), after its overrides. */
  readonly environment: ReadonlyMap<string, string>;
  readonly timeoutMs: number;
  /** The run's redactor, for anything the target sent back. */
  readonly mask: (text: string) => string;
  /** The schema a 4xx body should match (the profile's); absent: bodies are not judged. */
  readonly errorSchema?: SchemaId;
  /** The profile's operations, by id: what an accepted request's body is judged against (absent: V3IO's). */
  readonly operations?: Readonly<Partial<Record<OperationId, Operation>>>;
  /** Told a case's id before its bytes go out. */
  readonly onStart?: (id: string) => void;
  /** Told each result as it is judged. */
  readonly onResult?: (result: CaseResult) => void;
  /** Stops the run between two cases (SIGINT, SIGTERM): rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Cases in flight at once (each on connections of its own: they share no state); default 1. */
  readonly concurrency?: number;
}

function skipped(testCase: WireCase, reason: string): CaseResult {
  return { ...resultBase(testCase), outcome: 'skip', actual: null, request: null, checks: [], failedLevel: null, reason };
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

/** The header lines of a case as a report shows them: placeholders for secrets and derived values, the rest resolved, escaped. */
function reportedHeaders(parts: readonly WirePart[], publicVariables: ReadonlyMap<string, string>, mask: (text: string) => string): HeaderRecord[] {
  const shown = (text: string): string => shorten(mask(escapeWireText(resolveTemplate(text, publicVariables))), MAX_HEADER_VALUE);
  return parts.flatMap((part): HeaderRecord[] => {
    if (part.kind === 'header') return [[shown(part.name), shown(part.value)]];
    if (part.kind === 'bytes') return [['(raw bytes)', shown(part.text)]];
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

async function runOne(
  testCase: WireCase,
  target: WireTarget,
  variables: ReadonlyMap<string, string>,
  { mask, errorSchema, operations }: Pick<WireRunOptions, 'mask' | 'errorSchema' | 'operations'>,
): Promise<CaseResult> {
  const { wire } = testCase;
  const basePath = basePathOf(target.baseUrl);
  const parts = underBasePath(wire.parts, basePath);
  const unmet = unmetPrecondition(testCase, variables);
  if (unmet !== undefined) return skipped(testCase, unmet);

  const derived = deriveAll(testCase.derive ?? [], variables);
  const credentialNames = derivedFromSecrets(testCase.derive ?? []);
  const secrets = new Map<string, string>(SECRET_VARIABLES.flatMap((name) => (variables.get(name) ? [[name, variables.get(name) ?? ''] as const] : [])));
  const publicVariables = new Map([...variables].filter(([name]) => !secrets.has(name)));
  // Derived from a secret, a value is a credential (a token, a mutated key); from a literal it is padding, and from a
  // public variable (the container in the other letter case) a path a 404 may quote.
  const credentials = new Map([...derived].filter(([name]) => credentialNames.has(name)));
  const substitute = placeholders(new Map([...credentials, ...secrets]));
  const safe = (text: string): string => mask(substitute(text));
  const method = caseMethod(testCase);
  const request: SentRequest = {
    method,
    path: safe(resolveTemplate(targetUnder(caseTarget(testCase), basePath), publicVariables)),
    headers: reportedHeaders(parts, publicVariables, mask),
  };

  const scope = new Map([...variables, ...derived]);
  let bytes: Buffer[];
  try {
    bytes = requestsOf(parts).map((request) => buildWireBytes(request, scope));
  } catch (error) {
    return { ...resultBase(testCase), outcome: 'error', actual: null, request, checks: [], failedLevel: null, reason: `cannot build the bytes: ${(error as Error).message}` };
  }
  const sent = performance.now();
  const outcome = await exchangeBytes(target, bytes, { headRequest: method.toUpperCase() === 'HEAD' });
  const dropped = outcome.kind === 'closed' || outcome.kind === 'reset';
  const judged = judgeWireCase(testCase, outcome, {
    where: `${request.method} ${request.path}`,
    timeoutMs: target.timeoutMs,
    secrets: [
      ...[...secrets].map(([name, value]) => [`the ${name} variable`, value] as const),
      ...[...credentials].map(([name, value]) => [`the derived ${name} value`, value] as const),
    ],
    safe,
    request,
    resolve: (template) => resolveTemplate(template, scope),
    ...(errorSchema ? { errorSchema } : {}),
    ...(operations ? { operations } : {}),
    ...(dropped ? { probe: await probe(target) } : {}),
  });
  return { ...judged, durationMs: Math.round(performance.now() - sent) };
}

/** Results of the selected wire cases, in the order given; skipped ones for the embedded reference. */
export async function runWireCases(options: WireRunOptions): Promise<CaseResult[]> {
  const cases = options.cases.filter(isWireCase);
  if (!options.realTarget) {
    return cases.map((testCase) => {
      const result = skipped(testCase, EMBEDDED_SKIP_REASON);
      options.onResult?.(result);
      return result;
    });
  }
  if (cases.length === 0) return [];
  const target: WireTarget = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    insecure: options.insecure,
    ...(options.caFile ? { ca: [readCa(options.caFile)] } : {}),
    ...(options.certFile && options.keyFile ? { cert: readPem(options.certFile, 'client certificate'), key: readPem(options.keyFile, 'client key') } : {}),
  };
  const variables = wireVariables(options.environment, options.baseUrl);
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      options.signal?.throwIfAborted();
      const index = next++;
      options.onStart?.(cases[index]!.id);
      const result = await runOne(cases[index]!, target, variables, options);
      options.onResult?.(result);
      results[index] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, cases.length)) }, worker));
  return results;
}
