/**
 * The little XML the S3 side of the emulator reads and writes: its answers (listings, results,
 * errors) and the request bodies of DeleteObjects and CompleteMultipartUpload. Those bodies are a
 * fixed shape of elements holding text; anything else in them is refused as MalformedXML, so a
 * body the reader does not understand is never half-read.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function element(name: string, content: string | number | boolean): string {
  return `<${name}>${typeof content === 'string' ? escapeXml(content) : String(content)}</${name}>`;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A leaf's text with its five named entities and character references decoded; `undefined` when it
 * holds markup (`<`, CDATA) or an `&` that is not one of those.
 */
export function unescapeXml(text: string): string | undefined {
  if (/<|&(?!(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);)/.test(text)) return undefined;
  let failed = false;
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : undefined;
    const decodedEntity = code === undefined ? ENTITIES[name] : code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    if (decodedEntity === undefined) failed = true;
    return decodedEntity ?? whole;
  });
  return failed ? undefined : decoded;
}

/**
 * The children of the root element `root` of `xml`, in order, as `[name, inner text]`; `undefined`
 * when the document is not `<root ...>children</root>`. A child's inner text is returned raw, for
 * the caller to read with `elementsOf` or `unescapeXml`.
 */
export function childrenOf(xml: string, root: string): Array<readonly [string, string]> | undefined {
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, '').trimEnd();
  const open = new RegExp(`^<${root}(\\s[^>]*)?>`).exec(body);
  if (!open || !body.endsWith(`</${root}>`)) return undefined;
  return elementsOf(body.slice(open[0].length, body.length - root.length - 3));
}

/** A sequence of sibling elements `<name>text</name>` (text may hold further elements), whitespace between them. */
export function elementsOf(content: string): Array<readonly [string, string]> | undefined {
  const children: Array<readonly [string, string]> = [];
  let rest = content.trim();
  while (rest !== '') {
    const open = /^<([A-Za-z][A-Za-z0-9]*)(\s[^>]*)?>/.exec(rest);
    if (!open) return undefined;
    const name = open[1]!;
    const close = rest.indexOf(`</${name}>`, open[0].length);
    if (close < 0) return undefined;
    children.push([name, rest.slice(open[0].length, close)]);
    rest = rest.slice(close + name.length + 3).trim();
  }
  return children;
}
