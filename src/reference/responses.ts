/**
 * The reference's responses. Every one sets Content-Length: newman keeps connections alive and
 * would wait forever for the end of a body without it. None sets Strict-Transport-Security: the
 * reference serves plain HTTP (RFC 6797 §7.2).
 */

export interface ReferenceResponse {
  readonly status: number;
  /** Header names as sent; values are single lines. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The statuses the reference answers with a V3IO error body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 416 | 431 | 500;

/**
 * V3IO error codes are negated errno values or exception codes (v3io-web-api.md, "Errors").
 * 403, 404 and 400 are the documented ones; the others are the reference's choice.
 */
const V3IO_ERRORS: Readonly<Record<ErrorStatus, { readonly code: number; readonly message: string }>> = {
  400: { code: -201326592, message: 'InvalidArgumentException' },
  // One body for every authentication failure: it tells nothing about which check failed.
  401: { code: -13, message: 'Authentication required' },
  403: { code: -1, message: 'Operation not permitted' },
  404: { code: -2, message: 'No such file or directory' },
  405: { code: -95, message: 'Operation not supported' },
  // DELETE of a directory that still has entries (ENOTEMPTY), like rmdir.
  409: { code: -39, message: 'Directory not empty' },
  // A Range no byte of the object satisfies (ERANGE).
  416: { code: -34, message: 'Numerical result out of range' },
  431: { code: -201326592, message: 'InvalidArgumentException' },
  500: { code: -5, message: 'Input/output error' },
};

/** A request on a container the service does not have: ENOENT, with a message that names what is missing. */
export const CONTAINER_NOT_FOUND = { code: -2, message: 'Container not found' } as const;

/** RFC 9110 §11.6.1: a 401 carries a challenge; Basic, since the reference supports it (RFC 7617 §2). */
export const BASIC_CHALLENGE = 'Basic realm="v3io", charset="UTF-8"';

/** A response with `body`, its Content-Length set. */
export function respond(status: number, headers: Readonly<Record<string, string>>, body: Buffer = Buffer.alloc(0)): ReferenceResponse {
  return { status, headers: { ...headers, 'Content-Length': String(body.length) }, body };
}

export function jsonResponse(status: number, value: unknown, extraHeaders: Readonly<Record<string, string>> = {}): ReferenceResponse {
  return respond(status, { ...extraHeaders, 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function xmlResponse(xml: string): ReferenceResponse {
  return respond(200, { 'Content-Type': 'application/xml' }, Buffer.from(xml, 'utf8'));
}

/** A V3IO error body `{"ErrorCode", "ErrorMessage"}`; a 401 also carries the Basic challenge. */
export function errorResponse(status: ErrorStatus, extraHeaders: Readonly<Record<string, string>> = {}): ReferenceResponse {
  const { code, message } = V3IO_ERRORS[status];
  const challenge: Record<string, string> = status === 401 ? { 'WWW-Authenticate': BASIC_CHALLENGE } : {};
  return v3ioErrorResponse(status, code, message, { ...extraHeaders, ...challenge });
}

/** A V3IO error body with a code and message of the caller's (the streaming API's exception names). */
export function v3ioErrorResponse(
  status: number,
  code: number,
  message: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): ReferenceResponse {
  const body = Buffer.from(JSON.stringify({ ErrorCode: code, ErrorMessage: message }), 'utf8');
  return respond(status, { ...extraHeaders, 'Content-Type': 'application/json' }, body);
}

/** The same response without its body, as HEAD gets it: headers (Content-Length included) unchanged. */
export function withoutBody(response: ReferenceResponse): ReferenceResponse {
  return { ...response, body: Buffer.alloc(0) };
}
