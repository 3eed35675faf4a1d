/**
 * The command that sends a case's decisive request again, for a reader to paste into a shell:
 * `curl` for an HTTP case, `printf '…' | nc` (or `openssl s_client`) with the exact bytes for a
 * one-request wire case, else a `run --only <id>` line.
 *
 * No secret is ever written: the identities' values are environment references (`"$V3IO_PASSWORD"`),
 * and a value the suite derives from one (a Base64 token, a truncated key) is a shell expression
 * computing it from them. A derivation portable shell cannot compute (a changed last character,
 * the other letter case) gives the `run --only` line instead. Everything else (the target, the
 * container, the fixtures' names) is written as the run resolved it.
 */
import { ENVIRONMENT_NAMES, type Derivation, type HeaderLine, type ProfileId, type Transform } from '../cases/model.js';
import type { ClientTls } from '../tls-files.js';

/** The environment variable each identity's value is read from (README's table). */
export const IDENTITY_ENVIRONMENT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ENVIRONMENT_NAMES).filter(([variable]) => variable !== 'baseUrl' && variable !== 'container'),
);

/** A piece of a shell word: text written as it is, or a shell expression (valid inside double quotes). */
type Piece = { readonly text: string } | { readonly shell: string };

/** Where the run went and how, for the command's target and TLS options. */
export interface ReproduceTarget extends ClientTls {
  readonly mode: 'embedded' | 'target';
  readonly baseUrl: string;
  readonly profile: ProfileId;
}

/** What a command is built from: the run's variables (secrets included: only their names are written) and the case's derived values. */
export interface ReproduceInput {
  readonly id: string;
  readonly target: ReproduceTarget;
  /** The run's variables, the collection's under the environment's. */
  readonly variables: ReadonlyMap<string, string>;
  readonly derive?: readonly Derivation[];
  /** The derived values as the run computed them: used only for those that no identity enters. */
  readonly derived: ReadonlyMap<string, string>;
}

export interface HttpRequestInput extends ReproduceInput {
  readonly method: string;
  /** Path and query template, appended to the base URL. */
  readonly path: string;
  readonly headers: readonly HeaderLine[];
  readonly body?: string;
}

export interface WireRequestInput extends ReproduceInput {
  /** The bytes as a template (src/wire/bytes.ts), already under the base URL's path; the variables include the wire ones (host, scheme, origin). */
  readonly template: string;
  /** How many requests the bytes hold (one after the other on one connection). */
  readonly requests: number;
}

const PLACEHOLDER = /\{\{([^{}]*?)\}\}/g;
/** As Postman (and src/wire/template.ts): nested substitution stops after this many levels. */
const MAX_DEPTH = 19;

/** A longer command (a 64 KiB header line) is no use to paste: the `run --only` line instead. */
export const MAX_COMMAND_LENGTH = 4096;

/** Cannot be written in portable shell: the caller falls back to the `run --only` line. */
class NotExpressible extends Error {}

/** The shell pipeline of each transform portable shell can compute, applied to the bytes printf writes of the value before it. */
const TRANSFORM_PIPES: Partial<Record<Transform['op'], string>> = {
  base64: `base64 | tr -d '\\n'`,
  'base64-unpadded': `base64 | tr -d '\\n='`,
  base64url: `base64 | tr -d '\\n' | tr '+/' '-_'`,
  'drop-last-char': `sed 's/.$//'`,
};

function isText(piece: Piece): piece is { readonly text: string } {
  return 'text' in piece;
}

/** One word: text single-quoted, expressions double-quoted, side by side (no history expansion of `!`, no `$` in text). */
export function shellWord(pieces: readonly Piece[]): string {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && isText(last) && isText(piece)) merged[merged.length - 1] = { text: last.text + piece.text };
    else merged.push(piece);
  }
  if (merged.length === 0) return "''";
  const only = merged[0];
  if (merged.length === 1 && only && isText(only) && SAFE_WORD.test(only.text)) return only.text;
  return merged.map((p) => (isText(p) ? singleQuoted(p.text) : `"${p.shell}"`)).join('');
}

/** A word the shell reads as it is, unquoted. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

// A control character in a single-quoted word is sent as it is but unreadable in a report; CR, LF and NUL cannot be pasted safely at all.
const UNPASTABLE = /[\u0000\r\n]/;
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function singleQuoted(text: string): string {
  if (UNPASTABLE.test(text)) throw new NotExpressible();
  const quoted = `'${text.replace(/'/g, `'\\''`)}'`;
  // Other controls through printf's octal escapes, so that the line stays readable.
  return quoted.replace(CONTROL, (c) => `'"$(printf '\\${c.charCodeAt(0).toString(8).padStart(3, '0')}')"'`);
}

/** Variables as pieces: identities as environment references, derivations as expressions or values, the rest as text. */
class Scope {
  private readonly pieces = new Map<string, readonly Piece[]>();
  /** Derivations not yet written: one the request does not use cannot make it fall back. */
  private readonly pending = new Map<string, Derivation>();

  constructor(private readonly input: ReproduceInput) {
    for (const [name, env] of Object.entries(IDENTITY_ENVIRONMENT)) this.pieces.set(name, [{ shell: `$${env}` }]);
    for (const derivation of input.derive ?? []) this.pending.set(derivation.name, derivation);
  }

  private piecesOf(name: string): readonly Piece[] | undefined {
    const derivation = this.pending.get(name);
    if (derivation) {
      this.pending.delete(name);
      this.pieces.set(name, this.derivation(derivation));
    }
    return this.pieces.get(name);
  }

  private derivation(derivation: Derivation): readonly Piece[] {
    const from = this.expand(derivation.from);
    if (from.every(isText)) {
      // No identity enters it: the value the run computed is no secret.
      const value = this.input.derived.get(derivation.name);
      if (value === undefined) throw new NotExpressible();
      return [{ text: value }];
    }
    return derivation.apply.reduce<readonly Piece[]>((pieces, transform) => {
      const pipe = TRANSFORM_PIPES[transform.op];
      if (!pipe) throw new NotExpressible();
      // printf's format writes any byte (a NUL in a password), UTF-8 as the runner encodes before a transform.
      const { format, args } = printfFormat(pieces, 'utf8');
      return [{ shell: `$(${['printf', format, ...args].join(' ')} | ${pipe})` }];
    }, from);
  }

  /** A template as pieces; an unknown `{{name}}` stays as written (as Postman leaves it). */
  expand(template: string, depth = 0): Piece[] {
    const out: Piece[] = [];
    let at = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      out.push({ text: template.slice(at, match.index) });
      at = match.index + match[0].length;
      const name = match[1] ?? '';
      const known = this.piecesOf(name);
      const value = this.input.variables.get(name);
      if (known) out.push(...known);
      else if (value !== undefined && depth < MAX_DEPTH) out.push(...this.expand(value, depth + 1));
      else out.push({ text: match[0] });
    }
    out.push({ text: template.slice(at) });
    return out.filter((p) => !isText(p) || p.text !== '');
  }
}

function pasteable(command: string): string {
  if (command.length > MAX_COMMAND_LENGTH) throw new NotExpressible();
  return command;
}

function tlsOptions(target: ReproduceTarget): string[] {
  const options: string[] = [];
  if (target.insecure) options.push('-k');
  if (target.caFile) options.push('--cacert', singleQuoted(target.caFile));
  if (target.certFile) options.push('--cert', singleQuoted(target.certFile));
  if (target.keyFile) options.push('--key', singleQuoted(target.keyFile));
  return options;
}

/** The `run --only` line: the suite sends the case again itself (the identities from the same environment variables). */
export function runOnlyCommand(id: string, target: ReproduceTarget): string {
  const words = ['npx', 'v3io-auth-conformance', 'run', '--only', id];
  if (target.mode === 'target') words.push('--target', shellWord([{ text: target.baseUrl }]));
  if (target.profile !== 'v3io') words.push('--profile', target.profile);
  if (target.insecure) words.push('--insecure');
  if (target.caFile) words.push('--ca', singleQuoted(target.caFile));
  if (target.certFile) words.push('--cert', singleQuoted(target.certFile), '--key', singleQuoted(target.keyFile ?? ''));
  return words.join(' ');
}

/**
 * `curl -sS -i -g --path-as-is -X <method> -H '<line>' … [--data-binary <body>] '<url>'`: the
 * request's own header lines and body; curl adds Host, User-Agent and Accept unless the case sets
 * them, and no Content-Type of its own. HEAD is `--head` (curl waits for a body after `-X HEAD`).
 */
export function curlCommand(input: HttpRequestInput): string {
  try {
    const scope = new Scope(input);
    const words = ['curl', '-sS', '-i', '-g', '--path-as-is', ...tlsOptions(input.target)];
    words.push(...(input.method === 'HEAD' ? ['--head'] : ['-X', shellWord([{ text: input.method }])]));
    for (const [name, value] of input.headers) {
      const expanded = scope.expand(value);
      // `Name:` with nothing but spaces after it removes the header in curl; `Name;` sends it empty.
      const empty = expanded.every((p) => isText(p) && p.text.trim() === '');
      const line = empty ? [...scope.expand(name), { text: ';' }] : [...scope.expand(name), { text: ': ' }, ...expanded];
      words.push('-H', shellWord(line));
    }
    if (input.body !== undefined) {
      if (!input.headers.some(([name]) => name.toLowerCase() === 'content-type')) words.push('-H', shellWord([{ text: 'Content-Type:' }]));
      const body = scope.expand(input.body);
      // `--data-binary @file` reads a file: a body starting with @ goes as --data-raw.
      const first = body[0];
      words.push(first && isText(first) && first.text.startsWith('@') ? '--data-raw' : '--data-binary', shellWord(body));
    }
    words.push(shellWord([{ text: input.target.baseUrl }, ...scope.expand(input.path)]));
    return pasteable(words.join(' '));
  } catch (error) {
    if (error instanceof NotExpressible) return runOnlyCommand(input.id, input.target);
    throw error;
  }
}

const PRINTF_ESCAPES: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * A printf format for the bytes of the text pieces — one per character (ISO-8859-1, as the wire
 * cases send them) or UTF-8 — with `%s` where an expression goes.
 */
function printfFormat(pieces: readonly Piece[], encoding: 'latin1' | 'utf8' = 'latin1'): { format: string; args: string[] } {
  let format = '';
  const args: string[] = [];
  for (const piece of pieces) {
    if (!isText(piece)) {
      format += '%s';
      args.push(`"${piece.shell}"`);
      continue;
    }
    const bytes = encoding === 'utf8' ? Buffer.from(piece.text, 'utf8').toString('latin1') : piece.text;
    for (const c of bytes) {
      const code = c.codePointAt(0) ?? 0;
      if (code > 0xff) throw new NotExpressible();
      if (c === '%') format += '%%';
      else if (c === '\\') format += '\\\\';
      else if (c === "'") format += `'\\''`;
      else if (PRINTF_ESCAPES[c]) format += PRINTF_ESCAPES[c];
      else if (code >= 0x20 && code < 0x7f) format += c;
      else format += `\\${code.toString(8).padStart(3, '0')}`;
    }
  }
  return { format: `'${format}'`, args };
}

/**
 * `printf '<bytes>' … | nc <host> <port>` (`openssl s_client -quiet -connect` for https): the
 * exact bytes of a one-request wire case. A case of several requests on one connection (each sent
 * once the answer before it is complete), or whose identities are not ASCII (the wire cases send
 * one byte per character, the shell UTF-8), gives the `run --only` line.
 */
export function wireCommand(input: WireRequestInput): string {
  try {
    if (input.requests !== 1) throw new NotExpressible();
    const pieces = new Scope(input).expand(input.template);
    const expressions = pieces.flatMap((p) => (isText(p) ? [] : [p.shell])).join(' ');
    for (const [name, env] of Object.entries(IDENTITY_ENVIRONMENT)) {
      if (/[^\u0000-\u007f]/.test(input.variables.get(name) ?? '') && new RegExp(`\\$${env}\\b`).test(expressions)) throw new NotExpressible();
    }
    const { format, args } = printfFormat(pieces);
    const url = new URL(input.target.baseUrl);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const https = url.protocol === 'https:';
    const port = url.port || (https ? '443' : '80');
    const printf = ['printf', format, ...args].join(' ');
    const word = (text: string): string => shellWord([{ text }]);
    if (!https) return pasteable(`${printf} | nc ${word(host)} ${port}`);
    const ca = input.target.caFile ? ` -CAfile ${word(input.target.caFile)}` : '';
    return pasteable(`${printf} | openssl s_client -quiet -connect ${word(`${host}:${port}`)} -servername ${word(host)}${ca}`);
  } catch (error) {
    if (error instanceof NotExpressible) return runOnlyCommand(input.id, input.target);
    throw error;
  }
}
