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

/** Texts at most this long are remembered with their masked form, at most MAX_REMEMBERED of them. */
const MAX_REMEMBERED_LENGTH = 1024;
const MAX_REMEMBERED = 20_000;

/** Characters that index the forms: every form is at least this long (MIN_SECRET_LENGTH). */
const PREFIX = 3;

interface Candidate {
  readonly form: string;
  readonly lower: string;
}

/** Each UTF-16 unit's lower-case unit, filled in as units are met (0: not yet); a unit whose lower case is longer stays itself. */
const LOWER = new Uint16Array(0x10000);

function lowerUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit | 0x20 : unit;
  let lower = LOWER[unit]!;
  if (lower === 0) {
    const folded = String.fromCharCode(unit).toLowerCase();
    lower = folded.length === 1 ? folded.charCodeAt(0) : unit;
    LOWER[unit] = lower;
  }
  return lower;
}

/** A unit's part of a key: the low byte of its lower case. Units that share it share keys; candidates are compared in full. */
function keyByte(text: string, i: number): number {
  return lowerUnit(text.charCodeAt(i)) & 0xff;
}

/** The length of the first (longest) candidate found at `i`, in any letter case; 0 if none. */
function matchAt(candidates: readonly Candidate[] | undefined, text: string, i: number): number {
  if (candidates === undefined) return 0;
  for (const { form, lower } of candidates) {
    if (text.startsWith(form, i) || text.slice(i, i + form.length).toLowerCase() === lower) return form.length;
  }
  return 0;
}

/**
 * A function that masks every form, in any letter case, longest first. One scan of the text, with
 * a key of the next PREFIX units rolled along it, looking up the forms that start with them: the
 * cost does not grow with the number of forms (a run has hundreds: every spelling of every secret
 * and derived value).
 */
export function createRedactor(forms: readonly string[]): (text: string) => string {
  const usable = [...new Set(forms.filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
  const short = usable.filter((f) => f.length < PREFIX);
  const byPrefix = new Map<number, Candidate[]>();
  // One bit per key: whether some form starts with it. Most positions of a text are ruled out by
  // this one read (2 MiB, once per run), before any lookup.
  const mayStart = new Uint32Array(1 << 19);
  for (const form of usable.filter((f) => f.length >= PREFIX)) {
    const key = (keyByte(form, 0) << 16) | (keyByte(form, 1) << 8) | keyByte(form, 2);
    mayStart[key >>> 5]! |= 1 << (key & 31);
    const list = byPrefix.get(key) ?? [];
    list.push({ form, lower: form.toLowerCase() });
    byPrefix.set(key, list);
  }
  const scan = (text: string): string => {
    let out = '';
    let last = 0;
    let i = 0;
    // The key of the units at i and i + 1; each step shifts in the unit at i + 2.
    let key = text.length >= PREFIX ? (keyByte(text, 0) << 8) | keyByte(text, 1) : 0;
    while (i + PREFIX <= text.length) {
      key = ((key << 8) | keyByte(text, i + 2)) & 0xffffff;
      const matched = (mayStart[key >>> 5]! & (1 << (key & 31))) === 0 ? 0 : matchAt(byPrefix.get(key), text, i);
      if (matched === 0) {
        i += 1;
        continue;
      }
      out += `${text.slice(last, i)}${MASK}`;
      i += matched;
      last = i;
      if (i + PREFIX <= text.length) key = (keyByte(text, i) << 8) | keyByte(text, i + 1);
    }
    out += text.slice(last);
    return short.reduce((t, form) => t.split(form).join(MASK), out);
  };
  if (usable.length === 0) return (text) => text;
  // Masked again after the first pass, since masking one form can join the pieces of another.
  const redactText = (text: string): string => {
    let out = text;
    for (let pass = 0; pass < 3; pass += 1) {
      const next = scan(out);
      if (next === out) return out;
      out = next;
    }
    return out;
  };
  // A report repeats its short strings (names, levels, reasons, header lines) many times over:
  // each is scanned once.
  const remembered = new Map<string, string>();
  return (text) => {
    if (text.length > MAX_REMEMBERED_LENGTH) return redactText(text);
    let out = remembered.get(text);
    if (out === undefined) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      out = redactText(text);
      remembered.set(text, out);
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
