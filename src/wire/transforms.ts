/**
 * The case model's transforms (model.ts) for the runner's own requests, with exactly the semantics
 * of the JavaScript the collection's pre-request scripts run (src/generate/transforms.ts): the two
 * must derive the same bytes from the same environment. A test runs both on the same inputs.
 */
import type { Derivation, Transform } from '../cases/model.js';
import { resolveTemplate } from './template.js';

/** RFC 4648 §4 Base64 of the UTF-8 bytes, as CryptoJS's Utf8.parse + Base64.stringify compute it. */
function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The other letter case; without a cased letter, the last character changed (model.ts). */
function otherCase(text: string): string {
  const swapped = Array.from(text, (c) => {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    return c !== lower ? lower : c !== upper ? upper : c;
  }).join('');
  return swapped !== text ? swapped : changeLastChar(text);
}

/** Ranges a last character cycles through, so that a hex key stays hex (see transforms.ts). */
const SAME_KIND_RANGES = ['09', 'af', 'AF', 'gz', 'GZ'] as const;

function changeLastChar(text: string): string {
  const chars = Array.from(text);
  const last = chars.pop();
  if (last === undefined) return text;
  const range = SAME_KIND_RANGES.find((r) => last >= r.charAt(0) && last <= r.charAt(1));
  const next = range ? (last === range.charAt(1) ? range.charAt(0) : String.fromCharCode(last.charCodeAt(0) + 1)) : last === 'x' ? 'y' : 'x';
  return chars.join('') + next;
}

/** UTF-16 code units, as the script's `length` and `slice` count them. */
function repeatToLength(text: string, length: number): string {
  return text.length === 0 ? '' : text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

export function applyTransform(text: string, transform: Transform): string {
  switch (transform.op) {
    case 'base64':
      return base64(text);
    case 'base64-unpadded':
      return base64(text).replace(/=+$/, '');
    case 'base64url':
      return base64(text).replace(/\+/g, '-').replace(/\//g, '_');
    case 'other-case':
      return otherCase(text);
    case 'percent-encode':
      return encodeURIComponent(text);
    case 'drop-last-char':
      return Array.from(text).slice(0, -1).join('');
    case 'change-last-char':
      return changeLastChar(text);
    case 'repeat-to-length':
      if (!Number.isSafeInteger(transform.length) || transform.length < 0) {
        throw new Error(`repeat-to-length needs a non-negative integer length, got ${String(transform.length)}`);
      }
      return repeatToLength(text, transform.length);
  }
}

/** A derivation's value: its template resolved against `variables`, then each transform in turn. */
export function deriveValue(derivation: Derivation, variables: ReadonlyMap<string, string>): string {
  return derivation.apply.reduce(applyTransform, resolveTemplate(derivation.from, variables));
}

/**
 * Every derivation's value by name, in order. Like the scripts' `pm.variables.set`, a later
 * derivation's template sees the earlier ones.
 */
export function deriveAll(derivations: readonly Derivation[], variables: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(variables);
  const derived = new Map<string, string>();
  for (const derivation of derivations) {
    const value = deriveValue(derivation, scope);
    derived.set(derivation.name, value);
    scope.set(derivation.name, value);
  }
  return derived;
}
