/**
 * Requests as Postman definitions: `{{baseUrl}}` + path, the method, every header line as
 * written (in order, duplicates kept), the raw body. Also the same request as a `pm.sendRequest`
 * argument, for the requests scripts send.
 */
import type { HeaderLine } from '../cases/model.js';
import { js } from './js.js';

/** A request as a case or a fixture writes it: templates with `{{variables}}`. */
export interface RequestTemplate {
  readonly method: string;
  /** Path and query, starting with `/`. */
  readonly path: string;
  readonly headers: readonly HeaderLine[];
  readonly body?: string;
}

export interface HeaderDefinition {
  readonly key: string;
  readonly value: string;
}

export interface RequestDefinition {
  readonly url: string;
  readonly method: string;
  readonly header: HeaderDefinition[];
  readonly body?: { readonly mode: 'raw'; readonly raw: string };
}

/**
 * Throws when two header names differ only in letter case: Postman's HTTP client keeps headers
 * in an object and sets them case-insensitively, so only the last of such lines would be sent
 * (lines with the very same name are all sent). Such a request needs one spelling.
 */
export function checkSendable(owner: string, headers: readonly HeaderLine[]): void {
  const spellings = new Map<string, string>();
  for (const [name] of headers) {
    const seen = spellings.get(name.toLowerCase());
    if (seen !== undefined && seen !== name) {
      throw new Error(
        `${owner}: header lines "${seen}" and "${name}" differ only in letter case; newman would send only the last of them. Spell both the same way.`,
      );
    }
    spellings.set(name.toLowerCase(), name);
  }
}

export function requestDefinition(owner: string, template: RequestTemplate): RequestDefinition {
  if (!template.path.startsWith('/')) throw new Error(`${owner}: the path must start with "/", got "${template.path}"`);
  checkSendable(owner, template.headers);
  return {
    url: `{{baseUrl}}${template.path}`,
    method: template.method,
    header: template.headers.map(([key, value]) => ({ key, value })),
    ...(template.body === undefined ? {} : { body: { mode: 'raw', raw: template.body } }),
  };
}

/**
 * The JavaScript expression of a `pm.sendRequest` argument for a request template, resolved in
 * the script with `pm.variables.replaceIn`. `url` is a JavaScript expression for the full URL.
 */
export function sendRequestArgument(template: Omit<RequestTemplate, 'path'>, url: string): string {
  const resolve = (text: string): string => `pm.variables.replaceIn(${js(text)})`;
  const header = template.headers.map(([key, value]) => `{ key: ${js(key)}, value: ${resolve(value)} }`).join(', ');
  const body = template.body === undefined ? '' : `, body: { mode: 'raw', raw: ${resolve(template.body)} }`;
  return `{ url: ${url}, method: ${js(template.method)}, header: [${header}]${body} }`;
}
