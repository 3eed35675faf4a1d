/**
 * Answers what Node's HTTP parser rejects before a request reaches the reference — header framing
 * errors (CR, LF or NUL in a value, obs-fold, a bare CR or LF, whitespace before a colon or after
 * the request line) and a header section over the parser's limit — the way the reference answers
 * every rejection: a V3IO error body with its Content-Length (Node's own answer has no body).
 *
 * Otherwise as Node's default handling: `Connection: close` and the socket ended, since after a
 * framing error the stream cannot be trusted to hold another request; nothing written when a
 * response is already on its way or the client is gone.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorResponse, v3ioErrorResponse, type ReferenceResponse } from './responses.js';
import { OBJECT_METHODS } from './objects.js';

/** llhttp's and Node's codes that have an answer of their own; every other parse error is 400. */
function responseFor(code: string | undefined): ReferenceResponse {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return errorResponse(431);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return v3ioErrorResponse(413, -27, 'File too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return v3ioErrorResponse(408, -110, 'Connection timed out');
    default:
      return errorResponse(400);
  }
}

/** The response as bytes on the wire, ending the connection. */
function serialise(response: ReferenceResponse): Buffer {
  const lines = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`,
    ...Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    '',
  ];
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), response.body]);
}

/** A socket's response in progress, as node:http tracks it (not typed: an internal of node:http). */
interface HttpSocket extends Duplex {
  readonly _httpMessage?: { readonly headersSent?: boolean } | null;
}

/** How long a client has to read the answer before its connection is destroyed. */
const LINGER_MS = 2_000;

/** The `clientError` listener of the reference's server. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as HttpSocket)._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  socket.end(serialise(responseFor(error.code)));
  // A client that neither reads nor closes does not keep the socket.
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/**
 * The `connect` listener: the reference is no proxy, so a CONNECT (RFC 9110 §9.3.6) gets 405, with
 * or without credentials, instead of Node's default of closing the connection without an answer.
 */
export function answerConnect(_request: unknown, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  // RFC 9110 §15.5.6: a 405 lists the methods the target has; the container's are the object methods.
  socket.end(serialise(errorResponse(405, { Allow: OBJECT_METHODS })));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
