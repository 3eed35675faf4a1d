/**
 * `serve --users <file>`: the reference's identities from a JSON file, a list of
 * `{name, accessKey, username, password, containers: [...] | "*"}`. Every way the file can be
 * wrong is one line naming the file and the entry; no message ever quotes an access key or a
 * password (not even the JSON parser's, which can show a snippet of the text).
 */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import { HarnessError } from '../errors.js';
import type { Identity } from '../cases/reference-identities.js';

// ajv is CommonJS with `exports.default`: under NodeNext its default import is the module object.
const Ajv = AjvModule.default;

/** What each field must be, in the words of the error messages. */
const FIELD_RULES = {
  name: 'must be 1 to 64 letters, digits, ".", "_", "@" or "-" (it names the identity in logs)',
  accessKey: 'must be visible ASCII characters without ",", "/" or ":" (they delimit the key in the S3 syntaxes)',
  username: 'must be a non-empty string without ":" (RFC 7617 §2) or control characters',
  password: 'must be a non-empty string without control characters',
  containers: 'must be "*" (every container) or a list of distinct container names without "/"',
} as const;

type Field = keyof typeof FIELD_RULES;

const USERS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'accessKey', 'username', 'password', 'containers'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' },
      // 0x21-0x7E without "," (0x2C), "/" (0x2F) and ":" (0x3A).
      accessKey: { type: 'string', pattern: '^[!-+\\-.0-9;-~]+$' },
      username: { type: 'string', pattern: '^[^:\\u0000-\\u001f\\u007f]+$' },
      password: { type: 'string', pattern: '^[^\\u0000-\\u001f\\u007f]+$' },
      containers: {
        anyOf: [{ const: '*' }, { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[^/\\u0000-\\u001f\\u007f]+$' } }],
      },
    },
  },
} as const;

interface UserEntry {
  readonly name: string;
  readonly accessKey: string;
  readonly username: string;
  readonly password: string;
  readonly containers: readonly string[] | '*';
}

const validate = new Ajv({ allErrors: false, strict: true }).compile<UserEntry[]>(USERS_SCHEMA);

/** Reads and checks a users file; throws a HarnessError with one line for the first problem found. */
export function loadUsersFile(path: string): Identity[] {
  return parseUsers(readText(path), `users file ${path}`);
}

/** Checks the text of a users file; `origin` starts every message. */
export function parseUsers(text: string, origin: string): Identity[] {
  const value = parseJson(text, origin);
  if (!validate(value)) throw new HarnessError('invalid-users-file', `${origin}: ${describe(validate.errors?.[0], value)}`);
  rejectDuplicates(value, origin);
  return value.map(({ name, accessKey, username, password, containers }) => ({ name, accessKey, username, password, containers }));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarnessError('file-not-found', `users file not found: ${path}`);
    if (code === 'EISDIR') throw new HarnessError('file-unreadable', `users file is a directory, not a file: ${path}`);
    throw new HarnessError('file-unreadable', `cannot read users file ${path}: ${code ?? 'unknown error'}`);
  }
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // Only the parser's own words and a position: some of its messages quote the text around the error.
    const located = /^(.*?) in JSON at position (\d+)/.exec(message);
    if (located && Number(located[2]) < text.trimEnd().length) {
      const { line, column } = lineAndColumn(text, Number(located[2]));
      throw new HarnessError('malformed-json', `${origin} is not valid JSON: ${located[1]} at line ${line}, column ${column}`);
    }
    const why = located || message.startsWith('Unexpected end') ? 'it ends too early' : 'unexpected text';
    throw new HarnessError('malformed-json', `${origin} is not valid JSON: ${why}`);
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** One schema error as a sentence: which entry, which field, what is wrong with it. */
function describe(error: ErrorObject | undefined, value: unknown): string {
  if (!error) return 'invalid';
  const [indexText, fieldText] = error.instancePath.split('/').slice(1);
  if (indexText === undefined) {
    return error.keyword === 'minItems' ? 'lists no identity' : 'must be a JSON array of identities';
  }
  const entry = entryLabel(Number(indexText), value);
  if (fieldText === undefined) {
    if (error.keyword === 'required') return `${entry} has no "${String(error.params['missingProperty'])}"`;
    if (error.keyword === 'additionalProperties') return `${entry} has an unknown field "${String(error.params['additionalProperty'])}"`;
    return `${entry} must be an object`;
  }
  const field = fieldText as Field;
  return `${entry}: "${field}" ${FIELD_RULES[field] ?? 'is invalid'}`;
}

/** `entry 2 ("alice")`: 1-based, with the entry's name when it has a usable one. */
function entryLabel(index: number, value: unknown): string {
  const item: unknown = Array.isArray(value) ? value[index] : undefined;
  const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
  return typeof name === 'string' && /^[A-Za-z0-9._@-]{1,64}$/.test(name) ? `entry ${index + 1} ("${name}")` : `entry ${index + 1}`;
}

/** Two identities sharing a name, an access key or a username would make logins ambiguous. */
function rejectDuplicates(users: readonly UserEntry[], origin: string): void {
  const checks: ReadonlyArray<readonly [keyof UserEntry, (first: number, second: number, user: UserEntry) => string]> = [
    ['name', (a, b, user) => `entries ${a} and ${b} have the same name "${user.name}"`],
    // The key itself is a secret: not quoted.
    ['accessKey', (a, b) => `entries ${a} and ${b} have the same access key`],
    ['username', (a, b, user) => `entries ${a} and ${b} have the same username "${user.username}"`],
  ];
  for (const [field, message] of checks) {
    const seen = new Map<unknown, number>();
    users.forEach((user, index) => {
      const first = seen.get(user[field]);
      if (first !== undefined) throw new HarnessError('invalid-users-file', `${origin}: ${message(first + 1, index + 1, user)}`);
      seen.set(user[field], index);
    });
  }
}
