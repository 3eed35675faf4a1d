/**
 * The served reference's request log: one line per request, built only from what cannot hold a
 * credential. No header value is ever logged. The request target is logged with every query value
 * replaced except those of the listing parameters, because the query string is a channel clients
 * wrongly put credentials in (`?access_key=`, `?X-v3io-session-key=`, presigned-URL signatures);
 * the userinfo of an absolute-form target (`http://user:password@host/`) is replaced too.
 */

export interface RequestLogEntry {
  /** When the request's head arrived. */
  readonly time: Date;
  readonly method: string;
  /** The request target as received (Node's `req.url`). */
  readonly target: string;
  /** The authenticated identity's name; `undefined` when the request was not authenticated. */
  readonly identity: string | undefined;
  /** `undefined` when no response was sent (the client went away first). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** The client went away before the whole response was sent. */
  readonly aborted: boolean;
}

export type LogSink = (line: string) => void;

/** Query parameters whose values are logged as sent: they name listing positions, never secrets. */
const LOGGED_QUERY_VALUES = new Set(['prefix', 'marker', 'max-keys', 'delimiter']);

export const REDACTED = 'REDACTED';

/**
 * A query parameter name logged as sent (`access_key`, `X-v3io-session-key`, `X-Amz-Credential`):
 * a short word of letters, digits, `_`, `.`, `-` with few digits. Anything else (a UUID, `=`, `%`)
 * could be a key or a Base64 token sent as a name: replaced.
 */
function isWordLikeName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/.test(name) && name.replace(/[^0-9]/g, '').length <= 3;
}

/** Targets are cut there: the parser accepts up to 1 MiB of head, a log line should stay a line. */
const MAX_TARGET_LENGTH = 512;

/** `2024-05-01T10:00:00.000Z GET /bigdata/o?access_key=REDACTED main 200 0.4ms` */
export function formatRequestLogLine(entry: RequestLogEntry): string {
  const duration = `${entry.durationMs.toFixed(1)}ms`;
  const fields = [entry.time.toISOString(), printable(entry.method), loggableTarget(entry.target), entry.identity ?? '-', entry.status === undefined ? '-' : String(entry.status), duration];
  if (entry.aborted) fields.push('aborted');
  return fields.join(' ');
}

/** The request target with credential-bearing parts replaced, printable and bounded in length. */
export function loggableTarget(target: string): string {
  const logged = printable(redactTarget(target));
  return logged.length > MAX_TARGET_LENGTH ? `${logged.slice(0, MAX_TARGET_LENGTH)}…` : logged;
}

function redactTarget(target: string): string {
  let rest = target;
  let prefix = '';
  // absolute-form (`http://host/path`) or authority-form (`host:port`): drop any userinfo.
  if (!rest.startsWith('/') && rest !== '*') {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(rest)?.[0] ?? '';
    const afterScheme = rest.slice(scheme.length);
    const authorityEnd = afterScheme.search(/[/?#]/);
    const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    prefix = scheme + (at < 0 ? authority : `${REDACTED}@${authority.slice(at + 1)}`);
    rest = authorityEnd < 0 ? '' : afterScheme.slice(authorityEnd);
  }
  const hash = rest.indexOf('#');
  // A fragment is never sent by a client; whatever is there is not logged.
  const fragment = hash < 0 ? '' : `#${REDACTED}`;
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  if (question < 0) return prefix + rest + fragment;
  return `${prefix}${rest.slice(0, question)}?${redactQuery(rest.slice(question + 1))}${fragment}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((parameter) => {
      if (parameter === '') return parameter;
      const equals = parameter.indexOf('=');
      const name = equals < 0 ? parameter : parameter.slice(0, equals);
      if (LOGGED_QUERY_VALUES.has(decodedLowerCase(name))) return parameter;
      // A bare `?<key>` is a value without a name, and a name that is not a word may be a secret too.
      if (equals < 0 || !isWordLikeName(name)) return REDACTED;
      return `${name}=${REDACTED}`;
    })
    .join('&');
}

function decodedLowerCase(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return text.toLowerCase();
  }
}

const NOT_PRINTABLE = /[^\x21-\x7e]/;

/** Escapes what could break or forge a log line: controls, spaces, and anything beyond ASCII. */
function printable(text: string): string {
  // Most targets need no escaping: tested first, since this runs for every logged request.
  if (!NOT_PRINTABLE.test(text)) return text;
  return text.replace(/[^\x21-\x7e]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export interface BatchedSink extends LogSink {
  /** Writes what is gathered now (before exiting). */
  flush(): void;
}

/**
 * Gathers lines and writes them once per turn of the event loop: under load, one write (one
 * system call on stdout) for many requests instead of one each.
 */
export function batchedSink(write: (text: string) => void): BatchedSink {
  const lines: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines.length = 0;
    write(text);
  };
  return Object.assign(
    (line: string): void => {
      lines.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    { flush },
  );
}
