/**
 * Secret and derived values as their `{{name}}` placeholders in what a report shows, so that a
 * reader sees `Basic {{basicToken}}!!` rather than a mask.
 */

/** Values shorter than this get no placeholder: they would match ordinary text. */
const MIN_PLACEHOLDER_VALUE = 4;

/** Replaces each value by its `{{name}}` placeholder, longest value first (one may contain another). */
export function placeholders(values: ReadonlyMap<string, string>): (text: string) => string {
  const pairs = [...values]
    .filter(([, value]) => value.length >= MIN_PLACEHOLDER_VALUE)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name, value]) => [value, `{{${name}}}`] as const);
  return (text) => {
    let out = text;
    // Most texts hold none of the values: a search is cheaper than a split.
    for (const [value, placeholder] of pairs) if (out.includes(value)) out = out.split(value).join(placeholder);
    return out;
  };
}
