/**
 * The two S3-like syntaxes of the seed. Only the access key is taken from them: the signature and
 * everything else in the header is ignored, never verified (seed §S3-Like Authentications).
 */
import { malformed, type ParsedCredential } from './credentials.js';
import { isToken, trimOws } from './http-syntax.js';

/**
 * Parses what follows an `AWS4-<algorithm>` scheme: `Credential=<key>/<scope>, SignedHeaders=...,
 * Signature=...`. Elements are split on `,` (optional whitespace around them and around `=`);
 * names are tokens matched case-insensitively and may occur once (RFC 9110 §11.2), so that two
 * parsers can never pick different `Credential`s. Empty list elements are ignored (RFC 9110 §5.6.1.2).
 */
export function parseAwsV4Parameters(parameters: string): ParsedCredential {
  if (parameters === '') return malformed('AWS4 scheme without parameters');
  const values = new Map<string, string>();
  for (const element of parameters.split(',').map(trimOws)) {
    if (element === '') continue;
    const equals = element.indexOf('=');
    if (equals < 0) return malformed('AWS4 parameter without "="');
    const name = trimOws(element.slice(0, equals));
    if (!isToken(name)) return malformed('AWS4 parameter name is not a token');
    const key = name.toLowerCase();
    if (values.has(key)) return malformed('AWS4 parameter repeated');
    values.set(key, trimOws(element.slice(equals + 1)));
  }
  const credential = values.get('credential');
  if (credential === undefined) return malformed('AWS4 without a Credential parameter');
  const slash = credential.indexOf('/');
  if (slash < 0) return malformed('AWS4 Credential without "/"');
  const accessKey = credential.slice(0, slash);
  if (accessKey === '') return malformed('AWS4 Credential with an empty access key');
  return { kind: 'access-key', form: 'aws-sigv4', accessKey };
}

/** Parses what follows the `AWS` scheme: `<key>:<signature>`, split at the first colon; the signature may be empty. */
export function parseAwsV2Parameters(parameters: string): ParsedCredential {
  if (parameters === '') return malformed('AWS scheme without credentials');
  const colon = parameters.indexOf(':');
  if (colon < 0) return malformed('AWS credentials without a colon');
  const accessKey = parameters.slice(0, colon);
  if (accessKey === '') return malformed('AWS credentials with an empty access key');
  return { kind: 'access-key', form: 'aws-sigv2', accessKey };
}
