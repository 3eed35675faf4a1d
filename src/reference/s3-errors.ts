/**
 * S3's error body, for what only S3 clients ask: a sub-resource or copy header the emulator does
 * not implement (501 NotImplemented), a digest that does not match (400 BadDigest), a failed
 * precondition (412), the errors of copy, multipart uploads and DeleteObjects. The SDKs read the
 * error's name from `<Code>`; the V3IO operations keep V3IO's JSON error body.
 */
import { respond, type ReferenceResponse } from './responses.js';
import { element, XML_DECLARATION } from './s3-xml.js';

export function s3ErrorResponse(status: number, code: string, message: string, extraHeaders: Readonly<Record<string, string>> = {}): ReferenceResponse {
  const xml = `${XML_DECLARATION}<Error>${element('Code', code)}${element('Message', message)}</Error>`;
  return respond(status, { ...extraHeaders, 'Content-Type': 'application/xml' }, Buffer.from(xml, 'utf8'));
}

/** 501 for an S3 feature `serve` does not offer; the caller has changed nothing. */
export function notImplemented(feature: string): ReferenceResponse {
  return s3ErrorResponse(501, 'NotImplemented', `The emulator does not implement ${feature}; nothing was changed.`);
}

/** An S3 error thrown from deep inside an operation's parsing, answered by the S3 dispatcher. */
export class S3Failure extends Error {
  constructor(readonly response: ReferenceResponse) {
    super(`S3 failure ${response.status}`);
  }
}

export function s3Failure(status: number, code: string, message: string): S3Failure {
  return new S3Failure(s3ErrorResponse(status, code, message));
}
