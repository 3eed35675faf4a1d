/**
 * Removes secrets from text before it is written anywhere. The checks already avoid quoting
 * credentials; this is the second line of defence for anything a target sent back.
 *
 * A secret is masked in every spelling an output can give it (secret-spellings.ts) and in any
 * letter case, and a long one (an access key) also where only part of it appears: a target that
 * echoes a truncated key gives away all but a character of it.
 */
import { base64FormsOf, spellingsOf } from './secret-spellings.js';

/** Secrets shorter than this are not masked: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Secrets at least this long are also masked where any `PARTIAL_WINDOW` characters of them appear. */
const PARTIAL_MIN_LENGTH = 24;
/** Characters of a long secret that give it away on their own (an access key has 36). */
export const PARTIAL_WINDOW = 16;
/** Longest derived value masked as a whole. */
const MAX_DERIVED_LENGTH = 256;

export const MASK = '[REDACTED]';

/**
 * The strings to mask for a set of secret values: each value, the Base64 forms a request can
 * carry it in (the value alone, and user:password pairs when both are given), each in every
 * spelling, and the runs of `PARTIAL_WINDOW` characters of the long ones. `derived`: values made
 * from the secrets (a truncated key, a token), masked in every spelling too.
 */
export function secretForms(
  secrets: readonly string[],
  pairs: readonly (readonly [string, string])[] = [],
  derived: readonly string[] = [],
): string[] {
  const forms = new Set<string>();
  const addAllSpellings = (s: string): void => {
    for (const spelling of spellingsOf(s)) if (spelling.length >= MIN_SECRET_LENGTH) forms.add(spelling);
  };
  const addWithBase64 = (s: string): void => {
    if (s.length < MIN_SECRET_LENGTH) return;
    addAllSpellings(s);
    base64FormsOf(s).forEach(addAllSpellings);
  };
  for (const secret of secrets) {
    addWithBase64(secret);
    const chars = Array.from(secret);
    if (chars.length >= PARTIAL_MIN_LENGTH) {
      for (let start = 0; start + PARTIAL_WINDOW <= chars.length; start += 1) addAllSpellings(chars.slice(start, start + PARTIAL_WINDOW).join(''));
    }
  }
  // A derived value much longer than a secret repeats it: the secret's own forms mask it.
  derived.filter((value) => value.length <= MAX_DERIVED_LENGTH).forEach(addWithBase64);
  for (const [user, password] of pairs) {
    if (!password) continue;
    base64FormsOf(`${user}:${password}`).forEach(addAllSpellings);
  }
  // Longest first, so that a secret containing another is masked whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Characters that index the forms: every form is at least this long (MIN_SECRET_LENGTH). */
const PREFIX = 3;

interface Candidate {
  readonly form: string;
  readonly lower: string;
}

/** The index of the pair of UTF-16 units at `i` in a 64K-entry table (their low bytes). */
function pairAt(text: string, i: number): number {
  return ((text.charCodeAt(i) & 0xff) << 8) | (text.charCodeAt(i + 1) & 0xff);
}

/** The key of the PREFIX (3) UTF-16 units of `text` at `i`, as a number: no string is made per position. */
function keyAt(text: string, i: number): number {
  return (text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1)) * 0x10000 + text.charCodeAt(i + 2);
}

/**
 * A function that masks every form, in any letter case, longest first. One scan of the text,
 * looking up the forms that start with the next few characters, so that the cost does not grow
 * with the number of forms (a run has hundreds: every spelling of every secret and derived value).
 */
export function createRedactor(forms: readonly string[]): (text: string) => string {
  const usable = [...new Set(forms.filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
  const short = usable.filter((f) => f.length < PREFIX);
  const byPrefix = new Map<number, Candidate[]>();
  // Whether some form may start with the two units at a position: most positions of a text are
  // ruled out by this one table read, before any lookup.
  const mayStart = new Uint8Array(0x10000);
  for (const form of usable.filter((f) => f.length >= PREFIX)) {
    const lower = form.toLowerCase();
    mayStart[pairAt(lower, 0)] = 1;
    mayStart[pairAt(form, 0)] = 1;
    for (const key of new Set([keyAt(lower, 0), keyAt(form, 0)])) {
      const list = byPrefix.get(key) ?? [];
      list.push({ form, lower });
      byPrefix.set(key, list);
    }
  }
  const scan = (text: string): string => {
    const lowered = text.toLowerCase();
    // Lower-casing that changes lengths (a rare letter) breaks positions: then exact matches only.
    const folded = lowered.length === text.length ? lowered : text;
    // Compared once: the exact text needs a lookup of its own only where it differs from the folded one.
    const exactToo = folded !== text;
    let out = '';
    let last = 0;
    let i = 0;
    while (i + PREFIX <= text.length) {
      if (mayStart[pairAt(folded, i)] === 0 && !(exactToo && mayStart[pairAt(text, i)] === 1)) {
        i += 1;
        continue;
      }
      const candidates = byPrefix.get(keyAt(folded, i)) ?? (exactToo ? byPrefix.get(keyAt(text, i)) : undefined);
      let matched = 0;
      if (candidates !== undefined) {
        for (const { form, lower } of candidates) {
          if (folded.startsWith(lower, i) || text.startsWith(form, i)) {
            matched = form.length;
            break;
          }
        }
      }
      if (matched > 0) {
        out += `${text.slice(last, i)}${MASK}`;
        i += matched;
        last = i;
      } else i += 1;
    }
    out += text.slice(last);
    return short.reduce((t, form) => t.split(form).join(MASK), out);
  };
  if (usable.length === 0) return (text) => text;
  // Masked again after the first pass, since masking one form can join the pieces of another.
  return (text) => {
    let out = text;
    for (let pass = 0; pass < 3; pass += 1) {
      const next = scan(out);
      if (next === out) return out;
      out = next;
    }
    return out;
  };
}

const redactors = new WeakMap<readonly string[], (text: string) => string>();

export function redact(text: string, forms: readonly string[]): string {
  let redactor = redactors.get(forms);
  if (!redactor) {
    redactor = createRedactor(forms);
    redactors.set(forms, redactor);
  }
  return redactor(text);
}
