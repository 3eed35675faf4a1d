/**
 * What the deliberately broken servers are made of: the correct reference with its
 * authentication wrapped (header lines rewritten before it, its decision overridden after it) or
 * its responses rewritten. Each variant combines one of these into one deviation.
 */
import { authenticate, type AuthDecision, type AuthFn, type AuthRequest } from '../../src/reference/auth.js';
import { createReference, type Reference, type ReferenceRequest, type ReferenceResponse } from '../../src/reference/handler.js';
import { REFERENCE_IDENTITIES, type Identity } from '../../src/cases/reference-identities.js';

export type HeaderLines = readonly (readonly [name: string, value: string])[];

export const IDENTITIES: readonly Identity[] = Object.values(REFERENCE_IDENTITIES);

export function linesOf(rawHeaders: readonly string[]): [string, string][] {
  const lines: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) lines.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return lines;
}

export function valuesOf(rawHeaders: readonly string[], name: string): string[] {
  return linesOf(rawHeaders).flatMap(([n, v]) => (n.toLowerCase() === name ? [v] : []));
}

export function authenticatedAs(identity: Identity): AuthDecision {
  return { kind: 'authenticated', identity, form: 'session-key' };
}

export const UNAUTHENTICATED: AuthDecision = { kind: 'rejected', status: 401, reason: 'deliberately broken' };

/** The reference with this authentication. */
export function withAuthentication(auth: AuthFn): Reference {
  return createReference({ authenticate: auth });
}

/** The real authentication of the request with its header lines rewritten first. */
export function rewritingLines(rewrite: (lines: [string, string][], request: AuthRequest) => HeaderLines): Reference {
  return withAuthentication((request, directory) => authenticate({ ...request, rawHeaders: rewrite(linesOf(request.rawHeaders), request).flat() }, directory));
}

/** Rewrites the value of every header line named `name` (lower case), then authenticates for real. */
export function rewritingValues(name: string, rewrite: (value: string) => string): Reference {
  return rewritingLines((lines) => lines.map(([n, v]) => (n.toLowerCase() === name ? [n, rewrite(v)] : [n, v])));
}

/** The real decision, replaced where `override` returns one. */
export function overridingDecision(override: (request: AuthRequest, decision: AuthDecision) => AuthDecision | undefined): Reference {
  return withAuthentication((request, directory) => {
    const decision = authenticate(request, directory);
    return override(request, decision) ?? decision;
  });
}

/** The correct reference with its responses rewritten. */
export function rewritingResponses(rewrite: (response: ReferenceResponse, request: ReferenceRequest) => ReferenceResponse): Reference {
  const inner = createReference();
  return { handle: (request) => rewrite(inner.handle(request), request) };
}

/** A response with another body (Content-Length follows). */
export function withBody(response: ReferenceResponse, body: string, contentType?: string): ReferenceResponse {
  const bytes = Buffer.from(body, 'utf8');
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([n]) => !/^content-(length|type)$/i.test(n) || (!contentType && /^content-type$/i.test(n))));
  return { ...response, headers: { ...headers, ...(contentType ? { 'Content-Type': contentType } : {}), 'Content-Length': String(bytes.length) }, body: bytes };
}

/** The user-id and password of a `Basic` value, decoded without any checking; undefined for other schemes. */
export function basicPair(value: string): { user: string; password: string; decoded: string } | undefined {
  const match = /^\s*basic\s+(\S*)\s*$/i.exec(value);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1), decoded };
}

/** The values of the credential header lines a request carries. */
export function credentialValues(rawHeaders: readonly string[]): string[] {
  const names = new Set(['x-v3io-session-key', 'authorization', 'proxy-authorization', 'cookie']);
  return linesOf(rawHeaders).flatMap(([n, v]) => (names.has(n.toLowerCase()) ? [v] : []));
}
