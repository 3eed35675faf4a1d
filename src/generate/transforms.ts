/**
 * Transforms (model.ts) compiled to JavaScript for the newman sandbox, and derivations compiled
 * to `pm.variables.set` statements.
 *
 * Each transform is a small helper function, emitted once into a script that uses it; a
 * derivation is then a nested call, e.g. `base64(dropLastChar(pm.variables.replaceIn("...")))`.
 */
import type { Derivation, Transform } from '../cases/model.js';
import { js } from './js.js';

type Op = Transform['op'];

interface Helper {
  /** The function's name in the script. */
  readonly name: string;
  /** Its definition, one line. */
  readonly source: string;
  /** Helpers it calls. */
  readonly uses: readonly Op[];
}

/** `CryptoJS` is a sandbox global too, but `require` is the documented way to get it. */
const CRYPTO_JS = "const CryptoJS = require('crypto-js');";

const HELPERS: Readonly<Record<Op, Helper>> = {
  base64: {
    name: 'base64',
    source: 'const base64 = (s) => CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(s));',
    uses: [],
  },
  'base64-unpadded': {
    name: 'base64Unpadded',
    source: "const base64Unpadded = (s) => base64(s).replace(/=+$/, '');",
    uses: ['base64'],
  },
  'base64url': {
    name: 'base64url',
    source: "const base64url = (s) => base64(s).replace(/\\+/g, '-').replace(/\\//g, '_');",
    uses: ['base64'],
  },
  'other-case': {
    name: 'otherCase',
    source:
      "const otherCase = (s) => { const t = Array.from(s, (c) => { const l = c.toLowerCase(); const u = c.toUpperCase(); return c !== l ? l : c !== u ? u : c; }).join(''); return t !== s ? t : changeLastChar(s); };",
    uses: ['change-last-char'],
  },
  'percent-encode': {
    name: 'percentEncode',
    source: 'const percentEncode = (s) => encodeURIComponent(s);',
    uses: [],
  },
  'drop-last-char': {
    name: 'dropLastChar',
    source: "const dropLastChar = (s) => Array.from(s).slice(0, -1).join('');",
    uses: [],
  },
  // "A different character of the same kind": digits cycle through 0-9; hex letters through a-f
  // (A-F), so that a hex key stays hex; other ASCII letters through g-z (G-Z); anything else
  // becomes `x` (`y` if it was `x`).
  'change-last-char': {
    name: 'changeLastChar',
    source:
      "const changeLastChar = (s) => { const cs = Array.from(s); const c = cs.pop(); if (c === undefined) return s; const range = ['09', 'af', 'AF', 'gz', 'GZ'].find((r) => c >= r[0] && c <= r[1]); const next = range ? (c === range[1] ? range[0] : String.fromCharCode(c.charCodeAt(0) + 1)) : c === 'x' ? 'y' : 'x'; return cs.join('') + next; };",
    uses: [],
  },
  'repeat-to-length': {
    name: 'repeatToLength',
    source: "const repeatToLength = (s, n) => (s.length === 0 ? '' : s.repeat(Math.ceil(n / s.length)).slice(0, n));",
    uses: [],
  },
};

function callOf(transform: Transform, argument: string): string {
  const helper = HELPERS[transform.op];
  if (transform.op === 'repeat-to-length') {
    if (!Number.isSafeInteger(transform.length) || transform.length < 0) {
      throw new Error(`repeat-to-length needs a non-negative integer length, got ${String(transform.length)}`);
    }
    return `${helper.name}(${argument}, ${transform.length})`;
  }
  return `${helper.name}(${argument})`;
}

/** The JavaScript expression for a template after each transform in turn. */
export function derivationExpression(derivation: Derivation): string {
  return derivation.apply.reduce((expression, transform) => callOf(transform, expression), `pm.variables.replaceIn(${js(derivation.from)})`);
}

/** The helper definitions the derivations need, dependencies first, each once. */
function helperLines(derivations: readonly Derivation[]): string[] {
  const needed = new Set<Op>();
  const add = (op: Op): void => {
    for (const dependency of HELPERS[op].uses) add(dependency);
    needed.add(op);
  };
  for (const derivation of derivations) for (const transform of derivation.apply) add(transform.op);
  const ordered = [...needed];
  const lines = ordered.map((op) => HELPERS[op].source);
  return needed.has('base64') ? [CRYPTO_JS, ...lines] : lines;
}

/**
 * Statements that compute each derived variable, in order (a later one may use an earlier one in
 * its template), and set it as a local variable for the request's `{{name}}` placeholders.
 */
export function derivationLines(derivations: readonly Derivation[]): string[] {
  if (derivations.length === 0) return [];
  return [
    ...helperLines(derivations),
    ...derivations.map((derivation) => `pm.variables.set(${js(derivation.name)}, ${derivationExpression(derivation)});`),
  ];
}
