/**
 * Reads a request body for the served reference, up to a limit. A declared Content-Length over the
 * limit is refused before a byte is read; a chunked body is counted as it arrives and refused as
 * soon as it passes the limit, so that no request can make the server buffer more than the limit.
 * With a Content-Length the body is copied into one buffer of that size as it arrives, so that a
 * large body is never held twice (its chunks and their concatenation); the buffer is the
 * caller's, which may keep it (the reference stores a PUT's body as it is).
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly kind: 'complete'; readonly body: Buffer }
  | { readonly kind: 'too-large' }
  /** The client went away or the stream failed before the end of the body. */
  | { readonly kind: 'aborted' };

/** Whether the request has no body at all: neither Transfer-Encoding nor a non-zero Content-Length (RFC 9112 §6.3). */
export function hasNoBody(req: IncomingMessage): boolean {
  const { headers } = req;
  return headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
}

/** Whether the declared Content-Length alone already exceeds `limit` (Node has validated its syntax). */
export function declaresTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && Number(declared) > limit;
}

/**
 * Collects the body. On `too-large` the rest of the body keeps being read and discarded, so that
 * the client can read the 413 and the connection stays usable once the body has ended.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (declaresTooLarge(req, limit)) {
    req.resume();
    return Promise.resolve({ kind: 'too-large' });
  }
  const declared = req.headers['content-length'];
  // Node has checked the syntax, and `declaresTooLarge` the size.
  const whole = declared === undefined ? undefined : Buffer.allocUnsafe(Number(declared));
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      if (whole && size + chunk.length <= whole.length) chunk.copy(whole, size);
      else chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        resolve({ kind: 'too-large' });
      }
    };
    req.on('data', onData);
    // A socket's chunk is a slice of a larger read buffer: one kept as the body is copied out of it.
    req.once('end', () => {
      if (!whole) resolve({ kind: 'complete', body: Buffer.concat(chunks, size) });
      // Node's parser ends a Content-Length body at that length; anything else is not a body to keep.
      else resolve(size === whole.length && chunks.length === 0 ? { kind: 'complete', body: whole } : { kind: 'aborted' });
    });
    // `resolve` is idempotent: an error after `too-large` changes nothing.
    req.once('error', () => resolve({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}
