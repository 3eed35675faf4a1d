/**
 * The `no-echo` check's rule, written once: which credentials a request carried, and where a
 * response echoes them. Node's judge calls these functions; the collection's script runs their
 * own source (postman.ts `echoCheckLines`). They refer to nothing outside their parameters.
 */

/** A label and a value: `['the accessKey variable', '…']`. */
export type Labelled = readonly [label: string, value: string];

/**
 * The credentials a request carried, by label: the values of the secret variables, each
 * `X-v3io-session-key` value, the credentials after the scheme of each `Authorization` /
 * `Proxy-Authorization` line and, for Basic, the decoded password. `decodeBase64` gives the
 * UTF-8 text of Base64, or undefined when it has none (Node and the sandbox decode differently).
 */
export function credentialsIn(
  variables: readonly (readonly [name: string, value: unknown])[],
  headers: readonly (readonly [name: string, value: unknown])[],
  decodeBase64: (text: string) => string | undefined,
): [string, string][] {
  const found: [string, string][] = variables.map(([name, value]) => [`the ${name} variable`, String(value ?? '')]);
  for (const [key, raw] of headers) {
    const name = key.toLowerCase();
    const value = String(raw ?? '').trim();
    if (name === 'x-v3io-session-key') found.push([`the ${key} value`, value]);
    if (name !== 'authorization' && name !== 'proxy-authorization') continue;
    const match = /^(\S+)\s+([\s\S]*)$/.exec(value);
    if (!match) continue;
    found.push([`the ${key} credentials`, match[2]!]);
    if (!/^basic$/i.test(match[1]!)) continue;
    const decoded = decodeBase64(match[2]!.trim());
    if (decoded !== undefined && decoded.includes(':')) found.push([`the password of the ${key} Basic credentials`, decoded.slice(decoded.indexOf(':') + 1)]);
  }
  return found;
}

/**
 * Where a response echoes the credentials: `<label> in <place>` once each, for credentials of
 * `minLength` characters or more once trimmed (shorter ones would match ordinary text); `places`
 * are `[place, text]` pairs (the status text, each header line, the body).
 */
export function echoedCredentials(credentials: readonly Labelled[], places: readonly Labelled[], minLength: number): string[] {
  const secrets = credentials.map(([label, value]) => [label, value.trim()]).filter(([, value]) => value!.length >= minLength);
  return [...new Set(secrets.flatMap(([label, value]) => places.filter(([, text]) => text.includes(value!)).map(([place]) => `${label} in ${place}`)))];
}

/** Node's Base64 decoding: characters outside the alphabet are skipped, as Buffer does. */
export function decodeBase64InNode(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** `credentialsIn` for a request sent from Node: the secret variables' values and the header lines as sent. */
export function echoSecrets(secretVariables: ReadonlyMap<string, string>, headers: readonly (readonly [string, string])[]): [string, string][] {
  return credentialsIn([...secretVariables], headers, decodeBase64InNode);
}
