/**
 * Wire cases on what surrounds a request's credentials rather than the credentials' own bytes
 * (docs/threat-model.md, RFC 9110 §6.5, §7.8, §10.1; RFC 9112 §7.1): a credential in the trailer
 * section of a chunked body, a request without credentials that asks to switch protocols, and a
 * write without credentials that expects 100-continue. Each needs bytes an HTTP client library
 * will not send as written (trailer fields, Upgrade on a plain request, Expect with the body at
 * once), so each is sent over a raw socket.
 *
 * Levels (auth-requirements.md, "How a level is chosen"): MUST, a deviation lets a request in
 * without a credential in its header section (a trailer is read after the request is acted on:
 * RFC 9110 §6.5.1 names authentication among what cannot be sent there), or serves another
 * protocol to a client that never authenticated, or carries out a write without credentials.
 */
import { EVERY_PROFILE, V3IO_ONLY, type WireCase, type WirePart } from './model.js';
import { OPERATIONS } from './operations.js';
import { wireCaseBuilder } from './case-builder.js';
import { BASIC_TOKEN, SEED_BASIC, SEED_SESSION_KEY } from './credentials.js';
import { CLOSE, END, header, HOST, REQUEST_LINE } from './wire.js';

const GROUPS = ['message-context'] as const;
const sessionKeyWire = wireCaseBuilder({ form: 'session-key', profiles: V3IO_ONLY, requirements: GROUPS });
const basicWire = wireCaseBuilder({ form: 'basic', profiles: EVERY_PROFILE, requirements: GROUPS });
const crossWire = wireCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: GROUPS });

const body = (text: string): WirePart => ({ kind: 'body', text });
const CHUNKED = header('Transfer-Encoding', 'chunked');
/** One chunk of body, then the last chunk, the trailer section given and its end (RFC 9112 §7.1). */
const chunkedBody = (trailer: string): WirePart => body(`4\r\nv3io\r\n0\r\n${trailer}\r\n\r\n`);

/** A listing with a chunked body, no credential but `head` in its header section, and `trailer` in its trailer section. */
function withTrailer(name: string, trailer: string, head: readonly WirePart[] = []): readonly WirePart[] {
  // `Trailer` announces the field, as RFC 9110 §6.6.2 asks of a sender: the server is told it comes.
  return [REQUEST_LINE, HOST, ...head, header('Trailer', name), CHUNKED, CLOSE, END, chunkedBody(`${name}: ${trailer}`)];
}

/**
 * The header lines of an upgrade, without `Connection: close` (which would contradict
 * `Connection: Upgrade`): the runner reads one response and closes the connection itself.
 */
function upgrading(lines: readonly WirePart[]): readonly WirePart[] {
  return [REQUEST_LINE, HOST, ...lines, END];
}

/** A one-line body of a write: its length goes in Content-Length. */
const WRITE_BODY = 'v3io-auth-conformance: must not be written';
const PUT = OPERATIONS['put-object'];

export const MESSAGE_CONTEXT_CASES: readonly WireCase[] = [
  sessionKeyWire({
    name: 'key-in-trailer',
    family: 'wire-trailer',
    title: 'rejects a request whose only credential, a valid key, is in the trailer section of its chunked body',
    requirement: 'trailerCredential',
    sources: ['RFC 9110 §6.5.1', 'RFC 9112 §7.1.2', SEED_SESSION_KEY],
    parts: withTrailer('X-v3io-session-key', '{{accessKey}}'),
    // A server may also refuse a body on a GET (400) or a chunked one (411): neither lets it in.
    expect: { outcome: 'unauthenticated', statuses: [401, 400, 411] },
    validCredential: false,
  }),
  sessionKeyWire({
    name: 'denied-key-with-key-in-trailer',
    family: 'wire-trailer',
    title: 'rejects a key without permission whose request carries the main key in the trailer section',
    requirement: 'trailerCredential',
    sources: ['RFC 9110 §6.5.1', 'RFC 9112 §7.1.2', 'RFC 9110 §15.5.4', SEED_SESSION_KEY],
    parts: withTrailer('X-v3io-session-key', '{{accessKey}}', [header('X-v3io-session-key', '{{deniedAccessKey}}')]),
    requires: ['deniedAccessKey'],
    expect: { outcome: 'forbidden', statuses: [403, 400, 411] },
    validCredential: true,
  }),
  basicWire({
    name: 'authorization-in-trailer',
    family: 'wire-trailer',
    title: 'rejects a request whose only credential, a valid Basic token, is in the trailer section of its chunked body',
    requirement: 'trailerCredential',
    sources: ['RFC 9110 §6.5.1', 'RFC 9112 §7.1.2', SEED_BASIC],
    parts: withTrailer('Authorization', 'Basic {{basicToken}}'),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated', statuses: [401, 400, 411] },
    validCredential: false,
  }),
  crossWire({
    name: 'upgrade-websocket-without-credentials',
    family: 'wire-upgrade',
    title: 'rejects a WebSocket upgrade without credentials, never switching protocols',
    requirement: 'upgrade',
    parts: upgrading([
      header('Upgrade', 'websocket'),
      header('Connection', 'Upgrade'),
      header('Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='),
      header('Sec-WebSocket-Version', '13'),
    ]),
    // Refusing the upgrade itself (400, 426) is as good a rejection as the 401. No h2c case: a
    // correct server may switch to HTTP/2 first (lighttpd answers 101) and refuse the request on
    // stream 1, which the raw-socket runner does not read.
    expect: { outcome: 'unauthenticated', statuses: [401, 400, 426] },
    validCredential: false,
  }),
  crossWire({
    name: 'expect-continue-put-without-credentials',
    profiles: V3IO_ONLY,
    family: 'wire-expect',
    title: 'rejects a PUT without credentials that expects 100-continue, and writes nothing',
    requirement: 'expectContinue',
    operation: 'put-object',
    // Head and body at once, as a client that does not wait for the 100 sends them: the answer
    // judged is the final one (a 100 before it is passed over).
    parts: [
      { kind: 'request-line', method: PUT.method, target: PUT.path },
      HOST,
      header('Content-Type', 'text/plain'),
      header('Content-Length', String(WRITE_BODY.length)),
      header('Expect', '100-continue'),
      CLOSE,
      END,
      body(WRITE_BODY),
    ],
    // 417: a server may refuse the expectation itself (RFC 9110 §10.1.1); that writes nothing either.
    expect: { outcome: 'unauthenticated', statuses: [401, 417] },
    validCredential: false,
  }),
];
