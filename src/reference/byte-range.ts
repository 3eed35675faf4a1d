/**
 * The `Range` of a GET (RFC 9110 §14): one `bytes=a-b`, `bytes=a-` or `bytes=-n`. A Range the
 * reference does not serve — several ranges, another unit, invalid syntax, two Range lines — is
 * ignored and the whole object sent, as RFC 9110 §14.2 allows; a valid one that no byte of the
 * object satisfies is answered 416. `bytes=a` without the `-` reads as `bytes=a-`: v3io-py sends
 * it for an offset without a length (request.py, encode_get_object).
 */

export type RangeSelection =
  | { readonly kind: 'whole' }
  | { readonly kind: 'part'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*([0-9]*)[ \t]*(?:-[ \t]*([0-9]*))?$/i;

/** `values`: the Range lines of the request, usually none or one. `end` is inclusive. */
export function selectRange(values: readonly string[], size: number): RangeSelection {
  if (values.length !== 1) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(values[0]!.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // bytes=-n: the last n bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  // An end before the start makes the range invalid (ignored), not unsatisfiable.
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
