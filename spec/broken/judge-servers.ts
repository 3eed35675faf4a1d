/**
 * Servers for the judge's own tests, beside the broken variants (variants.ts): not deviations
 * from auth-requirements.md but servers that differ from the reference where authentication is
 * not at stake, so that the suite must neither charge them (a failed fixture step is the harness's
 * trouble: inconclusive) nor overstate them (body shape is a SHOULD, and only what an SDK reads).
 */
import { createReference, type Reference } from '../../src/reference/handler.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { v3ioErrorResponse } from '../../src/reference/responses.js';
import { linesOf, rewritingResponses, withBody } from './building-blocks.js';

const FIXTURE_KEY = REFERENCE_IDENTITIES.main.accessKey;

function functionOf(rawHeaders: readonly string[]): string | undefined {
  return linesOf(rawHeaders).find(([name]) => name.toLowerCase() === 'x-v3io-function')?.[1];
}

/**
 * A correct server whose deletion of a stream's directory fails (400, the stream stays), as an
 * independent V3IO implementation's did, and which holds a scratch stream from an earlier run: the
 * arrangements and preparations that remove a stream are not done, so the stream cases cannot be
 * judged (the valid CreateStream then meets the stream that is still there).
 */
export function streamDeletionFails(): Reference {
  const inner = createReference();
  const leftovers = new Set<string>();
  const leaveScratchStream = (url: string): void => {
    const stream = /^(\/[^?]*\/scratch-stream)\//.exec(url)?.[1];
    if (stream === undefined || leftovers.has(stream)) return;
    leftovers.add(stream);
    const headers = ['X-v3io-session-key', FIXTURE_KEY, 'X-v3io-function', 'CreateStream', 'Content-Type', 'application/json'];
    inner.handle({ method: 'POST', url: `${stream}/`, rawHeaders: headers, body: Buffer.from('{"ShardCount":1,"RetentionPeriodHours":1}') });
  };
  return {
    handle: (request) => {
      leaveScratchStream(request.url);
      const authenticated = linesOf(request.rawHeaders).some(([name, value]) => name.toLowerCase() === 'x-v3io-session-key' && value === FIXTURE_KEY);
      if (authenticated && request.method === 'DELETE' && /stream\/$/.test(request.url)) return v3ioErrorResponse(400, -22, 'InvalidArgumentException');
      return inner.handle(request);
    },
  };
}

/**
 * A correct server behind a rate limiter that answers every GetItem with 429 Too Many Requests:
 * whether it would let those requests in, or with which status it would refuse them, is unknown,
 * so the cases are inconclusive, never failed.
 */
export function rateLimitsGetItem(): Reference {
  const inner = createReference();
  return {
    handle: (request) => {
      if (functionOf(request.rawHeaders) !== 'GetItem') return inner.handle(request);
      const body = Buffer.from('{"message":"Too Many Requests"}');
      return { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '1', 'Content-Length': String(body.length) }, body };
    },
  };
}

/**
 * A correct server that answers every GetItems 503 Service Unavailable with Retry-After, as a
 * back-end being restarted does: whether it would let those requests in, or with which status it
 * would refuse them, is unknown, so the cases are inconclusive, never failed.
 */
export function unavailableForGetItems(): Reference {
  const inner = createReference();
  return {
    handle: (request) => {
      if (functionOf(request.rawHeaders) !== 'GetItems') return inner.handle(request);
      const body = Buffer.from('{"message":"Service Unavailable"}');
      return { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '1', 'Content-Length': String(body.length) }, body };
    },
  };
}

/** The JSON body with `edit` applied (Content-Length follows). */
function editedJson(body: Buffer, edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}

/**
 * A correct server whose bodies differ from the reference's where the SDKs do not look: the
 * container list under another root element, GetItems without `NumItems`. v3io-py is content.
 */
export function otherBodiesSdkReads(): Reference {
  return rewritingResponses((response, request) => {
    if (response.status !== 200) return response;
    if (request.method === 'GET' && request.url === '/') {
      return withBody(response, response.body.toString('utf8').replace(/ListAllMyBucketsResult/g, 'ListContainersResult'));
    }
    if (functionOf(request.rawHeaders) === 'GetItems') return withBody(response, editedJson(response.body, (v) => delete v['NumItems']));
    return response;
  });
}

/**
 * A server whose success bodies an SDK cannot read (no `Buckets` in the container list, no
 * `Items` in GetItems: SHOULD failures), and whose GetItem answers 200 with a V3IO error body
 * (not let in after all: a failure at the case's level).
 */
export function bodiesSdkCannotRead(): Reference {
  return rewritingResponses((response, request) => {
    if (response.status !== 200) return response;
    if (request.method === 'GET' && request.url === '/') {
      return withBody(response, response.body.toString('utf8').replace(/Buckets/g, 'Containers'));
    }
    const name = functionOf(request.rawHeaders);
    if (name === 'GetItems') return withBody(response, editedJson(response.body, (v) => delete v['Items']));
    if (name === 'GetItem') return withBody(response, JSON.stringify({ ErrorCode: -2, ErrorMessage: 'No such item' }), 'application/json');
    return response;
  });
}
