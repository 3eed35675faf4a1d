/**
 * Deliberately broken variants of the reference: each is one documented deviation from
 * auth-requirements.md. The suite must catch every one of them: a MUST deviation fails the run
 * (exit 1), a SHOULD deviation is reported as a SHOULD failure and leaves the run conformant.
 * `caughtBy` names cases that must fail against the variant at its level (others may fail too;
 * `npm run mutants` lists them all).
 */
import { authenticate, type AuthDecision, type Authenticated } from '../../src/reference/auth.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { errorResponse } from '../../src/reference/responses.js';
import {
  IDENTITIES,
  UNAUTHENTICATED,
  authenticatedAs,
  basicPair,
  credentialValues,
  overridingDecision,
  rewritingLines,
  rewritingResponses,
  rewritingValues,
  valuesOf,
  withAuthentication,
  withBody,
} from './building-blocks.js';

export interface BrokenVariant {
  readonly id: string;
  /** The deviation, as a reader of auth-requirements.md would name it. */
  readonly deviation: string;
  /** The level of the requirement it breaks: a MUST deviation fails the run (exit 1). */
  readonly level: 'must' | 'should';
  /** Cases that must fail against it at its level (at least these; others may fail too). */
  readonly caughtBy: readonly string[];
  readonly reference: () => Reference;
}

const MAIN = REFERENCE_IDENTITIES.main;
const WRITES = new Set(['PUT', 'POST', 'DELETE']);
/** The methods a server that checks permissions only on reads checks them on. */
const READS = new Set(['GET', 'HEAD']);

/** An authenticated identity that may not use every container (the denied one of the reference). */
const isDenied = (decision: AuthDecision): decision is Authenticated => decision.kind === 'authenticated' && decision.identity.containers !== '*';

/** Base64 the way lenient decoders read it: drop what is not in the alphabet, pad as needed. */
function lenientBasic(value: string): string {
  const match = /^(\s*basic\s+)(.*)$/i.exec(value);
  if (!match) return value;
  let token = (match[2] ?? '').replace(/[^A-Za-z0-9+/]/g, '');
  if (token.length % 4 === 1) token = token.slice(0, -1);
  while (token.length % 4 !== 0) token += '=';
  return `${match[1]}${token}`;
}

/**
 * A server that carries out a write and only then authenticates: the data changes, the answer is
 * still the right rejection (that of a correct reference, which rejects before touching data).
 */
function writingBeforeAuthenticating(): Reference {
  let rejected = false;
  const sloppy = withAuthentication((request, directory) => {
    const decision = authenticate(request, directory);
    rejected = decision.kind === 'rejected';
    return rejected && WRITES.has(request.method) ? authenticatedAs(MAIN) : decision;
  });
  // Answers the rejections: it never gets past authentication, so its own data stays untouched.
  const correct = createReference();
  return {
    handle: (request) => {
      rejected = false;
      const answer = sloppy.handle(request);
      return rejected ? correct.handle(request) : answer;
    },
  };
}

/** A request that reads (GET, and the NoSQL functions that read): one a server may answer before it authenticates. */
const isRead = (request: { method: string; rawHeaders: readonly string[] }): boolean =>
  request.method === 'GET' || valuesOf(request.rawHeaders, 'x-v3io-function').some((v) => /^getitems?$/i.test(v.trim()));

/**
 * A server that reads what was asked and only then authenticates: a rejected read gets the right
 * status and challenge (those of a correct reference) with the protected content as its body.
 */
function readingBeforeAuthenticating(): Reference {
  let rejected = false;
  const reading = withAuthentication((request, directory) => {
    const decision = authenticate(request, directory);
    rejected = decision.kind === 'rejected';
    return rejected && isRead(request) ? authenticatedAs(MAIN) : decision;
  });
  const rejections = createReference();
  return {
    handle: (request) => {
      rejected = false;
      const answer = reading.handle(request);
      if (!rejected || !isRead(request)) return answer;
      const rejection = rejections.handle(request);
      const contentType = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      return answer.status < 300 ? withBody(rejection, answer.body.toString('utf8'), contentType === undefined ? undefined : String(contentType)) : rejection;
    },
  };
}

/** The access key of a query string parameter, as some S3 gateways read presigned URLs. */
function queryKey(url: string): string | undefined {
  const query = new URL(url, 'http://localhost').searchParams;
  return query.get('X-v3io-session-key') ?? query.get('access_key') ?? undefined;
}

/** The identity whose access key this is, if any. */
const keyOwner = (value: string) => IDENTITIES.find((i) => i.accessKey === value.trim());

/** Whether the lines hold an X-v3io-session-key or Authorization line. */
const carriesCredentials = (lines: readonly (readonly [string, string])[]): boolean => lines.some(([n]) => ['x-v3io-session-key', 'authorization'].includes(n.toLowerCase()));

/** Headers that gateways and frameworks read API keys from. */
const API_KEY_HEADERS = new Set(['x-api-key', 'api-key', 'x-access-key', 'x-auth-token', 'x-v3io-access-key', 'x-session-key']);

export const BROKEN_VARIANTS: readonly BrokenVariant[] = [
  {
    id: 'accepts-any-session-key',
    deviation: 'accepts any non-empty X-v3io-session-key as the main user',
    level: 'must',
    caughtBy: ['session-key-unknown-key'],
    reference: () =>
      overridingDecision((request, decision) =>
        decision.kind === 'rejected' && valuesOf(request.rawHeaders, 'x-v3io-session-key').some((v) => v.trim()) ? authenticatedAs(MAIN) : undefined,
      ),
  },
  {
    id: 'no-challenge',
    deviation: 'answers 401 without a WWW-Authenticate challenge',
    level: 'must',
    caughtBy: ['session-key-unknown-key', 'cross-no-credentials-get-object'],
    reference: () =>
      rewritingResponses((response) => ({ ...response, headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== 'www-authenticate')) })),
  },
  {
    id: 'offers-protected-to-shared-caches',
    deviation: 'marks its answers to authenticated requests Cache-Control: public, max-age=3600, so that a shared cache in front hands them to anyone (RFC 9111 §3.5)',
    level: 'should',
    caughtBy: ['basic-valid-get-object', 'sigv4-valid-head-object', 'session-key-valid-get-object'],
    reference: () =>
      rewritingResponses((response, request) =>
        response.status >= 200 && response.status <= 299 && credentialValues(request.rawHeaders).length > 0
          ? { ...response, headers: { ...response.headers, 'Cache-Control': 'public, max-age=3600' } }
          : response,
      ),
  },
  {
    id: 'lenient-base64',
    deviation: 'decodes Basic credentials leniently (skips characters outside the Base64 alphabet, adds missing padding)',
    level: 'should',
    caughtBy: ['basic-token-with-junk-appended', 'basic-token-with-base64url-characters', 'basic-token-with-extra-padding', 'basic-token-unpadded'],
    reference: () => rewritingValues('authorization', lenientBasic),
  },
  {
    id: 'echoes-credential-in-error',
    deviation: 'quotes the presented credentials in its error bodies',
    level: 'must',
    caughtBy: ['cross-denied-session-key-get-object', 'basic-wrong-password'],
    reference: () =>
      rewritingResponses((response, request) => {
        const presented = credentialValues(request.rawHeaders);
        if (response.status < 400 || request.method === 'HEAD' || presented.length === 0) return response;
        return withBody(response, JSON.stringify({ ErrorCode: -13, ErrorMessage: `Authentication failed for ${presented.join(' / ')}` }));
      }),
  },
  {
    id: 'writes-before-authenticating',
    deviation: 'carries out PUT, POST and DELETE requests before authenticating them (the answer is still the right 401)',
    level: 'must',
    caughtBy: [
      'cross-unknown-key-put-object',
      'cross-no-credentials-post-object',
      'cross-unknown-key-delete-object',
      'cross-no-credentials-put-item',
      'cross-unknown-key-update-item',
      'cross-no-credentials-create-stream',
      'cross-unknown-key-update-stream',
      'cross-no-credentials-put-records',
    ],
    reference: writingBeforeAuthenticating,
  },
  {
    id: 'body-before-authentication',
    deviation: 'reads what was asked before it authenticates: a rejected GET object, GetItem or GetItems gets the right status and challenge, with the protected content as its body',
    level: 'must',
    // V3IO cases only: the basic profile knows no content of the target's protected URL to look for.
    caughtBy: ['session-key-unknown-key', 'sigv2-unknown-key', 'cross-unknown-key-get-item', 'cross-no-credentials-get-items'],
    reference: readingBeforeAuthenticating,
  },
  {
    id: 'head-bypasses-authentication',
    deviation: 'lets HEAD requests through without credentials (as if HEAD could not disclose anything)',
    level: 'must',
    caughtBy: ['cross-no-credentials-head-object', 'cross-unknown-key-head-object', 'cross-no-credentials-head-container'],
    reference: () => withAuthentication((request, directory) => (request.method === 'HEAD' ? authenticatedAs(MAIN) : authenticate(request, directory))),
  },
  {
    id: 'delete-bypasses-authentication',
    deviation: 'lets DELETE requests through without checking the credentials',
    level: 'must',
    caughtBy: ['cross-no-credentials-delete-object', 'cross-unknown-key-delete-object'],
    reference: () => withAuthentication((request, directory) => (request.method === 'DELETE' ? authenticatedAs(MAIN) : authenticate(request, directory))),
  },
  {
    id: 'method-override-skips-authentication',
    deviation:
      'authenticates by the method a header or the _method query parameter claims (X-HTTP-Method-Override and its kin) and lets a claimed OPTIONS through as a CORS preflight, while its router serves the request line\'s GET or POST',
    level: 'must',
    caughtBy: [
      'cross-method-override-get-x-http-method-override',
      'cross-method-override-get-x-http-method',
      'cross-method-override-get-x-method-override',
      'cross-method-override-post-x-http-method-override',
      'cross-method-override-post-query-method',
    ],
    reference: () =>
      withAuthentication((request, directory) => {
        const claimed = [
          ...['x-http-method-override', 'x-http-method', 'x-method-override'].flatMap((name) => valuesOf(request.rawHeaders, name)),
          ...new URL(request.url, 'http://x').searchParams.getAll('_method'),
        ];
        return claimed.some((v) => v.trim().toUpperCase() === 'OPTIONS') ? authenticatedAs(MAIN) : authenticate(request, directory);
      }),
  },
  {
    id: 'basic-splits-at-last-colon',
    deviation: 'splits the decoded Basic credentials at the last colon instead of the first (RFC 7617 §2)',
    level: 'must',
    caughtBy: ['basic-colon-in-password'],
    // User-ids have no colon: "colonel:pa:ss" / "word" names no user.
    reference: () =>
      overridingDecision((request) =>
        valuesOf(request.rawHeaders, 'authorization').some((v) => (basicPair(v)?.decoded.split(':').length ?? 0) > 2) ? UNAUTHENTICATED : undefined,
      ),
  },
  {
    id: 'verifies-sigv4-signatures',
    deviation: 'verifies AWS Signature V4 signatures (the seed: the signature is ignored), so valid requests signed with any secret fail',
    level: 'must',
    caughtBy: ['sigv4-valid-get-object', 'sigv4-docs-example', 'sigv4-other-date'],
    reference: () =>
      overridingDecision((request, decision) =>
        decision.kind === 'authenticated' && valuesOf(request.rawHeaders, 'authorization').some((v) => /^\s*aws4-/i.test(v)) ? UNAUTHENTICATED : undefined,
      ),
  },
  {
    id: 'key-from-whole-credential',
    deviation: 'takes the access key from the whole Credential value (`<key>/<date>/<region>/s3/aws4_request`) instead of the text before the first "/"',
    level: 'must',
    caughtBy: ['sigv4-valid-get-object', 'sigv4-docs-example'],
    // The reference reads up to the first "/": hide the slashes of the value from it.
    reference: () => rewritingValues('authorization', (v) => v.replace(/(Credential=)([^,\s]*)/gi, (_m, name: string, value: string) => `${name}${value.replace(/\//g, '|')}/x`)),
  },
  {
    id: 'one-secret-table',
    deviation: "looks X-v3io-session-key values up in one table of every user's secrets, passwords included, so a password there authenticates as its user",
    level: 'must',
    caughtBy: ['session-key-password-as-key'],
    reference: () =>
      overridingDecision((request, decision) => {
        if (decision.kind !== 'rejected') return undefined;
        const owner = valuesOf(request.rawHeaders, 'x-v3io-session-key').flatMap((v) => IDENTITIES.filter((i) => i.password === v.trim()))[0];
        return owner ? authenticatedAs(owner) : undefined;
      }),
  },
  {
    id: 'session-key-decodes-basic',
    deviation: 'decodes an X-v3io-session-key value that is Base64 of username:password and accepts it as Basic credentials',
    level: 'must',
    caughtBy: ['session-key-basic-token-as-key'],
    reference: () =>
      overridingDecision((request, decision) => {
        if (decision.kind !== 'rejected') return undefined;
        const pairs = valuesOf(request.rawHeaders, 'x-v3io-session-key').flatMap((v) => basicPair(`Basic ${v.trim()}`) ?? []);
        const owner = pairs.flatMap((p) => IDENTITIES.filter((i) => i.username === p.user && i.password === p.password))[0];
        return owner ? authenticatedAs(owner) : undefined;
      }),
  },
  {
    id: 'sigv2-reads-username-and-password',
    deviation: 'reads AWS <id>:<signature> as a username and password when the id names a user (an S3 front backed by a user directory)',
    level: 'must',
    caughtBy: ['sigv2-username-and-password'],
    reference: () =>
      overridingDecision((request, decision) => {
        if (decision.kind !== 'rejected') return undefined;
        const pairs = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => /^\s*AWS\s+([^:]*):(.*?)\s*$/.exec(v) ?? []);
        const owner = IDENTITIES.find((i) => pairs.length === 3 && i.username === pairs[1] && i.password === pairs[2]);
        return owner ? authenticatedAs(owner) : undefined;
      }),
  },
  {
    id: 'basic-password-of-any-user',
    deviation: "accepts Basic credentials whose user-id names a user and whose password is any user's (the two checked apart, not as a pair)",
    level: 'must',
    caughtBy: ['basic-password-of-another-user', 'basic-user-id-of-another-user'],
    reference: () =>
      overridingDecision((request) => {
        const pairs = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => basicPair(v) ?? []);
        const named = pairs.flatMap((p) => (IDENTITIES.some((i) => i.password === p.password) ? IDENTITIES.filter((i) => i.username === p.user) : []))[0];
        return named ? authenticatedAs(named) : undefined;
      }),
  },
  {
    id: 'basic-user-id-as-access-key',
    deviation: 'takes a Basic user-id that is an access key as that key, whatever the password (as APIs that carry a key as the Basic username do)',
    level: 'must',
    caughtBy: ['basic-access-key-as-user-id'],
    reference: () =>
      overridingDecision((request) => {
        const owner = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => keyOwner(basicPair(v)?.user ?? '') ?? [])[0];
        return owner ? authenticatedAs(owner) : undefined;
      }),
  },
  {
    id: 'basic-ignores-password',
    deviation: 'accepts Basic credentials of a known user-id whatever the password',
    level: 'must',
    caughtBy: ['basic-wrong-password', 'basic-truncated-password', 'basic-password-one-character-changed'],
    reference: () =>
      overridingDecision((request) => {
        const users = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => IDENTITIES.filter((i) => i.username === basicPair(v)?.user));
        return users[0] ? authenticatedAs(users[0]) : undefined;
      }),
  },
  {
    id: 'key-prefix-match',
    deviation: 'accepts a session key that is the start of a known key (compares only the characters sent)',
    level: 'must',
    caughtBy: ['session-key-truncated-key'],
    reference: () =>
      overridingDecision((request) => {
        const keys = valuesOf(request.rawHeaders, 'x-v3io-session-key').map((v) => v.trim()).filter((v) => v.length >= 8);
        const identity = IDENTITIES.find((i) => keys.some((k) => i.accessKey.startsWith(k)));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'key-case-insensitive',
    deviation: 'compares session keys without regard to letter case',
    level: 'should',
    caughtBy: ['session-key-other-letter-case'],
    reference: () => rewritingValues('x-v3io-session-key', (v) => v.toLowerCase()),
  },
  {
    id: 'ignores-junk-after-key',
    deviation: 'reads the session key up to the first space, tab or semicolon and ignores the rest',
    level: 'should',
    caughtBy: ['session-key-trailing-word', 'session-key-trailing-semicolon'],
    // ASCII separators only: treating a no-break space as one too would be another (MUST) deviation.
    reference: () => rewritingValues('x-v3io-session-key', (v) => v.replace(/^[ \t]+/, '').split(/[ \t;]/)[0] ?? ''),
  },
  {
    id: 'first-of-duplicate-session-keys',
    deviation: 'takes the first of two X-v3io-session-key lines instead of answering 400',
    level: 'should',
    caughtBy: ['session-key-two-lines-valid-then-unknown', 'session-key-two-lines-same-key'],
    reference: () =>
      rewritingLines((lines) => lines.filter(([n], i) => n.toLowerCase() !== 'x-v3io-session-key' || lines.findIndex(([m]) => m.toLowerCase() === 'x-v3io-session-key') === i)),
  },
  {
    id: 'key-in-query-string',
    deviation: 'accepts the access key from the query string (`?X-v3io-session-key=`, `?access_key=`)',
    level: 'must',
    caughtBy: ['cross-query-session-key', 'cross-query-access-key'],
    reference: () =>
      rewritingLines((lines, request) => {
        const key = queryKey(request.url);
        return key !== undefined && credentialValues(lines.flat()).length === 0 ? [...lines, ['X-v3io-session-key', key]] : lines;
      }),
  },
  {
    id: 'proxy-authorization-accepted',
    deviation: 'reads credentials from Proxy-Authorization when there is no Authorization',
    level: 'must',
    caughtBy: ['cross-proxy-authorization-basic'],
    reference: () =>
      rewritingLines((lines) =>
        lines.some(([n]) => n.toLowerCase() === 'authorization') ? lines : lines.map(([n, v]) => (n.toLowerCase() === 'proxy-authorization' ? ['Authorization', v] : [n, v])),
      ),
  },
  {
    id: 'underscore-header-accepted',
    deviation: 'accepts X_v3io_session_key (underscores) as X-v3io-session-key, as CGI-style servers do',
    level: 'must',
    caughtBy: ['cross-underscore-header-name'],
    reference: () => rewritingLines((lines) => lines.map(([n, v]) => [n.replace(/_/g, '-'), v])),
  },
  {
    id: 'bearer-accepted',
    deviation: 'accepts `Authorization: Bearer <access key>`, a scheme the seed does not define',
    level: 'must',
    caughtBy: ['cross-unsupported-scheme-bearer-access-key'],
    reference: () =>
      rewritingLines((lines) => lines.map(([n, v]) => {
        const bearer = /^\s*bearer\s+(.*)$/i.exec(v);
        return n.toLowerCase() === 'authorization' && bearer ? ['X-v3io-session-key', bearer[1] ?? ''] : [n, v];
      })),
  },
  {
    id: 'crashes-on-malformed-basic',
    deviation: 'answers 500 (a crash) to a Basic value it cannot parse, instead of a 4xx',
    level: 'must',
    caughtBy: ['basic-token-not-base64', 'basic-auth-param-syntax'],
    reference: () =>
      rewritingResponses((response, request) =>
        response.status === 400 && valuesOf(request.rawHeaders, 'authorization').some((v) => /^\s*basic\b/i.test(v)) ? errorResponse(500) : response,
      ),
  },
  {
    id: 'ignores-permissions',
    deviation: 'lets an identity without permission on the container use it (authenticates, never authorizes)',
    level: 'must',
    caughtBy: ['cross-denied-session-key-get-object', 'cross-denied-sigv4-get-object'],
    reference: () => overridingDecision((_request, decision) => (decision.kind === 'authenticated' && decision.identity.containers !== '*' ? authenticatedAs(MAIN) : undefined)),
  },
  {
    id: 'permissions-on-reads-only',
    deviation: 'forbids an identity without permission only GET and HEAD: its PUT, POST (NoSQL and stream functions included) and DELETE requests go through',
    level: 'must',
    caughtBy: [
      'cross-denied-sigv4-put-object',
      'cross-denied-sigv2-post-object',
      'cross-denied-basic-delete-object',
      'cross-denied-sigv4-put-item',
      'cross-denied-sigv2-put-records',
      'cross-denied-basic-put-records',
    ],
    reference: () => overridingDecision((request, decision) => (isDenied(decision) && !READS.has(request.method) ? authenticatedAs(MAIN) : undefined)),
  },
  {
    id: 'basic-users-skip-permissions',
    deviation: 'gives every permission to users authenticated with Basic (permissions are looked up by access key only)',
    level: 'must',
    caughtBy: ['cross-denied-basic-get-object', 'cross-denied-basic-put-object', 'cross-denied-basic-post-object', 'cross-denied-basic-delete-object', 'cross-denied-basic-put-item', 'cross-denied-basic-put-records'],
    reference: () => overridingDecision((_request, decision) => (isDenied(decision) && decision.form === 'basic' ? authenticatedAs(MAIN) : undefined)),
  },
  {
    id: 'aws-skips-permissions',
    deviation: 'gives every permission to requests authenticated through the AWS syntaxes (SigV4, SigV2), as an S3 front that checks only the key',
    level: 'must',
    caughtBy: ['cross-denied-sigv4-get-object', 'cross-denied-sigv2-get-object', 'cross-denied-sigv4-put-object', 'cross-denied-sigv2-delete-object', 'cross-denied-sigv4-put-records'],
    reference: () =>
      overridingDecision((_request, decision) => (isDenied(decision) && (decision.form === 'aws-sigv4' || decision.form === 'aws-sigv2') ? authenticatedAs(MAIN) : undefined)),
  },
  {
    id: 'unauthenticated-for-forbidden',
    deviation: 'answers 401 instead of 403 to valid credentials without permission',
    level: 'should',
    caughtBy: ['cross-denied-session-key-get-object', 'cross-denied-sigv2-get-object'],
    reference: () => rewritingResponses((response, request) => (response.status === 403 ? (request.method === 'HEAD' ? { ...errorResponse(401), body: Buffer.alloc(0) } : errorResponse(401)) : response)),
  },
  {
    id: 'challenge-without-realm',
    deviation: 'challenges with `WWW-Authenticate: Basic`, without the realm RFC 7617 requires',
    level: 'should',
    caughtBy: ['session-key-unknown-key', 'cross-no-credentials-get-object'],
    reference: () =>
      rewritingResponses((response) =>
        response.status === 401 ? { ...response, headers: { ...Object.fromEntries(Object.entries(response.headers).filter(([n]) => n.toLowerCase() !== 'www-authenticate')), 'WWW-Authenticate': 'Basic' } } : response,
      ),
  },
  {
    id: 'plain-text-errors',
    deviation: 'answers rejections with a plain-text body instead of a V3IO error',
    level: 'should',
    caughtBy: ['session-key-unknown-key', 'basic-no-colon'],
    reference: () =>
      rewritingResponses((response, request) => (response.status >= 400 && response.status < 500 && request.method !== 'HEAD' ? withBody(response, 'Unauthorized\n', 'text/plain') : response)),
  },
  {
    id: 'basic-scheme-case-sensitive',
    deviation: 'matches the Basic scheme name case-sensitively (RFC 7617 §2: it is case-insensitive)',
    level: 'must',
    caughtBy: ['basic-scheme-lower-case', 'basic-scheme-upper-case'],
    reference: () => overridingDecision((request) => (valuesOf(request.rawHeaders, 'authorization').some((v) => /^\s*basic\s/i.test(v) && !/^\s*Basic\s/.test(v)) ? UNAUTHENTICATED : undefined)),
  },
  {
    id: 'hsts-over-http',
    deviation: 'sends Strict-Transport-Security over plain HTTP (RFC 6797 §7.2: only over secure transport)',
    level: 'must',
    caughtBy: ['http-no-strict-transport-security'],
    reference: () => rewritingResponses((response) => ({ ...response, headers: { ...response.headers, 'Strict-Transport-Security': 'max-age=31536000' } })),
  },
  {
    id: 'header-name-case-sensitive',
    deviation: 'recognises the session-key header only when spelt exactly X-v3io-session-key (RFC 9110 §5.1: names are case-insensitive)',
    level: 'must',
    caughtBy: ['session-key-header-name-lower-case', 'session-key-header-name-upper-case'],
    reference: () => rewritingLines((lines) => lines.filter(([n]) => n.toLowerCase() !== 'x-v3io-session-key' || n === 'X-v3io-session-key')),
  },
  {
    id: 'reveals-unknown-users',
    deviation: 'answers Basic credentials of an unknown user with another error body than a wrong password ("no such user"), which enumerates users',
    level: 'should',
    caughtBy: ['basic-unknown-user'],
    reference: () =>
      rewritingResponses((response, request) => {
        const users = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => (basicPair(v) ? [basicPair(v)!.user] : []));
        const unknown = users.length > 0 && users.every((user) => !IDENTITIES.some((i) => i.username === user));
        return response.status === 401 && unknown && request.method !== 'HEAD' ? withBody(response, JSON.stringify({ ErrorCode: -2, ErrorMessage: 'No such user' })) : response;
      }),
  },
  {
    id: 'identity-header-overrides-identity',
    deviation: 'authenticates the credentials, then acts as the user an X-Remote-User, X-Forwarded-User or X-Auth-Request-User header names (an impersonation header)',
    level: 'must',
    caughtBy: ['cross-identity-header-denied-key-x-remote-user', 'cross-identity-header-denied-key-x-forwarded-user', 'cross-identity-header-denied-key-x-auth-request-user'],
    reference: () =>
      overridingDecision((request, decision) => {
        if (decision.kind !== 'authenticated') return undefined;
        const named = ['x-remote-user', 'x-forwarded-user', 'x-auth-request-user'].flatMap((name) => valuesOf(request.rawHeaders, name)).map((v) => v.trim());
        const other = IDENTITIES.find((i) => named.includes(i.username));
        return other ? authenticatedAs(other) : undefined;
      }),
  },
  {
    id: 'api-key-headers-accepted',
    deviation: 'accepts the access key from X-Api-Key, Api-Key, X-Access-Key, X-Auth-Token and similar headers, as API gateways do',
    level: 'must',
    caughtBy: ['cross-carrier-header-x-api-key', 'cross-carrier-header-x-auth-token', 'cross-carrier-header-x-v3io-access-key'],
    reference: () => rewritingLines((lines) => lines.map(([n, v]) => (API_KEY_HEADERS.has(n.toLowerCase()) ? ['X-v3io-session-key', v] : [n, v]))),
  },
  {
    id: 'basic-from-other-headers',
    deviation: 'reads Basic credentials from X-Authorization, X-Http-Authorization or X-Forwarded-Authorization when there is no Authorization (as frameworks behind proxies that strip it do)',
    level: 'must',
    caughtBy: ['cross-carrier-basic-in-x-authorization', 'cross-carrier-basic-in-x-http-authorization', 'cross-carrier-basic-in-x-forwarded-authorization'],
    reference: () =>
      rewritingLines((lines) =>
        lines.some(([n]) => n.toLowerCase() === 'authorization')
          ? lines
          : lines.map(([n, v]) => (/^x-(http-|forwarded-)?authorization$/i.test(n) ? ['Authorization', v] : [n, v])),
      ),
  },
  {
    id: 'key-in-any-cookie',
    deviation: 'accepts an access key found in any cookie (session, access_key, ...) when the headers carry none',
    level: 'must',
    caughtBy: ['cross-carrier-cookie-session', 'cross-carrier-cookie-access-key', 'cross-cookie-session-key'],
    reference: () =>
      rewritingLines((lines) => {
        if (carriesCredentials(lines)) return lines;
        const cookies = lines.filter(([n]) => n.toLowerCase() === 'cookie').flatMap(([, v]) => v.split(';').map((c) => c.slice(c.indexOf('=') + 1)));
        const owner = cookies.map(keyOwner).find((i) => i !== undefined);
        return owner ? [...lines, ['X-v3io-session-key', owner.accessKey]] : lines;
      }),
  },
  {
    id: 'key-in-any-query-parameter',
    deviation: 'accepts an access key found in any query parameter (session_key, api_key, ...) when the headers carry none',
    level: 'must',
    caughtBy: ['cross-carrier-query-session-key', 'cross-carrier-query-api-key', 'cross-carrier-query-accesskey'],
    reference: () =>
      rewritingLines((lines, request) => {
        if (carriesCredentials(lines)) return lines;
        const values = [...new URL(request.url, 'http://localhost').searchParams.values()];
        const owner = values.map(keyOwner).find((i) => i !== undefined);
        return owner ? [...lines, ['X-v3io-session-key', owner.accessKey]] : lines;
      }),
  },
  {
    id: 'key-starts-with-known-key',
    deviation: 'accepts a session key that starts with a known key (compares only as many characters as the known key has)',
    level: 'must',
    caughtBy: ['session-key-character-appended'],
    reference: () =>
      overridingDecision((request) => {
        const keys = valuesOf(request.rawHeaders, 'x-v3io-session-key').map((v) => v.trim());
        const identity = IDENTITIES.find((i) => keys.some((k) => k !== i.accessKey && k.startsWith(i.accessKey)));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'key-contains-known-key',
    deviation: 'accepts a session key that contains a known key anywhere in its value',
    level: 'must',
    caughtBy: ['session-key-character-appended', 'session-key-character-prepended'],
    reference: () =>
      overridingDecision((request) => {
        const keys = valuesOf(request.rawHeaders, 'x-v3io-session-key');
        const identity = IDENTITIES.find((i) => keys.some((k) => k.trim() !== i.accessKey && k.includes(i.accessKey)));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'aws-key-starts-with-known-key',
    deviation: 'accepts an AWS-syntax access key (SigV4 Credential, SigV2) that starts with a known key',
    level: 'must',
    caughtBy: ['sigv4-character-appended', 'sigv2-character-appended'],
    reference: () =>
      overridingDecision((request) => {
        const keys = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => {
          const key = /Credential=([^/,\s]+)/i.exec(v)?.[1] ?? /^\s*AWS\s+([^:\s]+):/i.exec(v)?.[1];
          return key ? [key] : [];
        });
        const identity = IDENTITIES.find((i) => keys.some((k) => k !== i.accessKey && k.startsWith(i.accessKey)));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'password-starts-with-known-password',
    deviation: "accepts Basic credentials whose password starts with the user's password (a comparison, or a password hash, that stops at the stored length)",
    level: 'must',
    caughtBy: ['basic-password-character-appended'],
    reference: () =>
      overridingDecision((request) => {
        const pairs = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => basicPair(v) ?? []);
        const identity = IDENTITIES.find((i) => pairs.some((p) => p.user === i.username && p.password !== i.password && p.password.startsWith(i.password)));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'user-id-starts-with-known-user',
    deviation: 'accepts Basic credentials whose user-id starts with a known user-id, with that user\'s password',
    level: 'must',
    caughtBy: ['basic-user-id-character-appended'],
    reference: () =>
      overridingDecision((request) => {
        const pairs = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => basicPair(v) ?? []);
        const identity = IDENTITIES.find((i) => pairs.some((p) => p.user !== i.username && p.user.startsWith(i.username) && p.password === i.password));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
  {
    id: 'password-case-insensitive',
    deviation: 'compares Basic passwords without regard to letter case (a case-insensitive database collation, a lower-cased hash input)',
    level: 'must',
    caughtBy: ['basic-password-other-letter-case'],
    reference: () =>
      overridingDecision((request) => {
        const pairs = valuesOf(request.rawHeaders, 'authorization').flatMap((v) => basicPair(v) ?? []);
        const identity = IDENTITIES.find((i) => pairs.some((p) => p.user === i.username && p.password !== i.password && p.password.toLowerCase() === i.password.toLowerCase()));
        return identity ? authenticatedAs(identity) : undefined;
      }),
  },
];
