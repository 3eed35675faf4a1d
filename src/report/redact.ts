/**
 * Removes secrets from text before it is written anywhere. The checks already avoid quoting
 * credentials; this is the second line of defence for anything a target sent back.
 */

/** Secrets shorter than this are not masked: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;

export const MASK = '[REDACTED]';

/**
 * The strings to mask for a set of secret values: each value, and the Base64 forms a request can
 * carry them in (the value alone, and user:password pairs when both are given).
 */
export function secretForms(secrets: readonly string[], pairs: readonly (readonly [string, string])[] = []): string[] {
  const forms = new Set<string>();
  const add = (s: string): void => {
    if (s.length >= MIN_SECRET_LENGTH) forms.add(s);
  };
  // A secret can also appear URL-encoded (in a query string, in a path a target echoes).
  const addWithEncoded = (s: string): void => {
    add(s);
    add(encodeURIComponent(s));
  };
  for (const secret of secrets) {
    addWithEncoded(secret);
    addWithEncoded(Buffer.from(secret, 'utf8').toString('base64'));
  }
  for (const [user, password] of pairs) {
    const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
    addWithEncoded(token);
    addWithEncoded(token.replace(/=+$/, ''));
  }
  // Longest first, so that a secret containing another is masked whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redact(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(MASK);
  return out;
}
