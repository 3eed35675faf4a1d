/**
 * Credentials and header lines the reference's tests build requests from.
 */
import { REFERENCE_IDENTITIES, type Identity } from '../../src/cases/reference-identities.js';

export const { main: MAIN, denied: DENIED, colon: COLON, utf8: UTF8 } = REFERENCE_IDENTITIES;
export const ALL_IDENTITIES: readonly Identity[] = Object.values(REFERENCE_IDENTITIES);
export const UNKNOWN_KEY = '00000000-0000-4000-8000-000000000000';

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function basic(username: string, password: string): string {
  return `Basic ${base64(`${username}:${password}`)}`;
}

export function sigv4(key: string, separator = ', '): string {
  return [
    `AWS4-HMAC-SHA256 Credential=${key}/20190422/us-east-1/s3/aws4_request`,
    'SignedHeaders=host;x-amz-content-sha256;x-amz-date',
    'Signature=4708b8682367fff1ba5d33662a6a7bdbefa743b52e4744aedbd919ca73ce70f5',
  ].join(separator);
}

export function sigv2(key: string, signature = 'frJIUN8DYpKDtOLCwo//yllqDzg='): string {
  return `AWS ${key}:${signature}`;
}

/** Every secret an identity has, in every form a response could echo it. */
export function secretsOf(identity: Identity): string[] {
  return [identity.accessKey, identity.password, base64(`${identity.username}:${identity.password}`)];
}
