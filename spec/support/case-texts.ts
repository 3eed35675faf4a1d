/** The strings of a case that are sent or derived, and the `{{variables}}` in them: for the catalogue's data checks. */
import type { Derivation, HeaderLine, RequestCase, WirePart } from '../../src/cases/model.js';

const VARIABLE = /\{\{([^{}]*)\}\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? '');
}

export function headerText(headers: readonly HeaderLine[]): string[] {
  return headers.flatMap(([name, value]) => [name, value]);
}

export function partTexts(part: WirePart): string[] {
  switch (part.kind) {
    case 'request-line':
      return [part.method, part.target];
    case 'header':
      return [part.name, part.value];
    case 'bytes':
    case 'body':
      return [part.text];
    case 'end':
      return [];
  }
}

/** Every string of a case that is sent: an HTTP case's path, header lines and body, a wire case's parts. */
export function requestTexts(c: RequestCase): string[] {
  if (c.kind === 'wire') return c.wire.parts.flatMap(partTexts);
  return [c.request.path, ...headerText(c.request.headers), ...(c.request.body === undefined ? [] : [c.request.body])];
}

export function allDerivations(c: RequestCase): readonly Derivation[] {
  return [...(c.derive ?? []), ...(c.expect.sameResponseAs?.derive ?? [])];
}

