/**
 * Header size limits of the reference.
 */

/**
 * Over this header section size (names plus values; Node's default limit) the reference answers
 * 431 (RFC 6585 §5). Checked by authentication, so that the embedded mode, which has no server
 * parser, answers it too.
 */
export const MAX_HEADER_SECTION_SIZE = 16 * 1024;

/**
 * What the HTTP parsers in front of the reference accept (server, nock's interceptor): more than
 * the limit above, so that an oversized request is read whole and answered 431 by the reference.
 * A parser that stops at the limit itself closes the connection with the client still sending,
 * and the client sees a reset rather than the 431.
 */
export const PARSER_MAX_HEADER_SIZE = 1024 * 1024;

/**
 * Over this body size the served reference answers 413 (RFC 9110 §15.5.14) without reading on:
 * by default 1 GiB, so that one PUT can write an object of that size (S3 clients switch to
 * multipart uploads well below it). The reference keeps every object in memory, so the limit
 * bounds what one request can cost; `serve --max-object-size` (`startReferenceServer({
 * maxBodySize })`) changes it. An aws-chunked body's framing counts toward it.
 */
export const MAX_OBJECT_SIZE = 1024 * 1024 * 1024;

/** The option that sets the limit, named by the 413's message. */
export const MAX_OBJECT_SIZE_OPTION = '--max-object-size';
