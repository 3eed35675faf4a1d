/** How much of a header value or a body a report keeps: the same limits for every engine. */

/** Longest header value kept, in characters; a 64 KiB token is not worth reading whole. */
export const MAX_HEADER_VALUE = 240;
/** Longest body excerpt kept, in characters. */
export const MAX_BODY_EXCERPT = 600;

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * Cuts a text to `max` characters (whole code points) and says how long it was. Without making an
 * array of a long text's characters: a run shortens many 64 KiB header values.
 */
export function shorten(text: string, max: number): string {
  // A text has at most as many code points as UTF-16 units.
  if (text.length <= max) return text;
  const length = text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
  if (length <= max) return text;
  let end = 0;
  for (let kept = 0; kept < max; kept += 1) {
    const unit = text.charCodeAt(end);
    const pair = unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  return `${text.slice(0, end)}… (${length} characters)`;
}

// Controls other than tab and line feed make an excerpt unreadable (and some formats reject them).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Bytes of a body decoded before masking: enough for any excerpt, bounded for huge bodies. */
const BODY_WINDOW = 64 * 1024;

/** The start of a body as a report shows it: decoded, made safe by `safe` (before the cut, which could split a secret), cut, controls replaced. */
export function bodyExcerpt(body: Buffer, safe: (text: string) => string): string {
  return shorten(safe(body.subarray(0, BODY_WINDOW).toString('utf8')), MAX_BODY_EXCERPT).replace(CONTROLS, '\ufffd');
}
