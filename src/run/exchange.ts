/**
 * What a case sent and what came back, made safe to write into a report: the header lines of the
 * request and the response and the start of the body.
 *
 * Order matters. First every derived value of the case (a truncated key, a Base64 token) and every
 * secret variable becomes its `{{name}}` placeholder — so a reader sees `Basic {{basicToken}}!!`
 * rather than a mask or, worse, a key with one character dropped, which the redactor could not
 * recognise. Then the run's redactor masks whatever else looks like a secret. Only then are long
 * values cut: a secret cut in half could no longer be recognised.
 */
import type { RequestCase } from '../cases/model.js';
import type { Profile } from '../cases/profiles.js';
import { bodyExcerpt, MAX_HEADER_VALUE, shorten } from '../results/excerpt.js';
import { placeholders } from '../results/placeholders.js';
import type { ItemTrace } from './newman-session.js';
import type { ActualResponse, CaseResult, HeaderRecord, NewmanJudging } from './results.js';

export interface ExchangeMasking {
  /** Secret environment variables by name (`accessKey`, `password`, …), for their placeholders. */
  readonly secrets: ReadonlyMap<string, string>;
  /** The run's redactor, applied after the placeholders. */
  readonly mask: (text: string) => string;
}

/** The masking function for one case's exchange: its derived values, the secrets, the redactor. */
export function exchangeMasker(testCase: RequestCase, trace: ItemTrace, masking: ExchangeMasking): (text: string) => string {
  const derived = new Map<string, string>();
  for (const { name } of testCase.derive ?? []) {
    const value = trace.localVariables?.[name];
    if (value !== undefined) derived.set(name, value);
  }
  const substitute = placeholders(new Map([...derived, ...masking.secrets]));
  return (text) => masking.mask(substitute(text));
}

/**
 * What judging newman cases needs: messages mask the case's derived values and the secrets (also
 * percent-encoded, as a key in a query string is sent), then apply the run's redactor.
 */
export function newmanJudging(profile: Profile, timeoutMs: number, variables: ReadonlyMap<string, string>, masking: ExchangeMasking): NewmanJudging {
  const encoded = new Map([...masking.secrets].map(([name, value]) => [`${name}`, encodeURIComponent(value)] as const).filter(([, v]) => v.length > 0));
  return {
    profile,
    timeoutMs,
    variables,
    secrets: masking.secrets,
    safe: (testCase, trace) => {
      const masker = exchangeMasker(testCase, trace, masking);
      const unencoded = placeholders(encoded);
      return (text) => masker(unencoded(text));
    },
  };
}

function safeHeaders(lines: readonly (readonly [string, string])[], safe: (text: string) => string): HeaderRecord[] {
  return lines.map(([name, value]) => [shorten(safe(name), MAX_HEADER_VALUE), shorten(safe(value), MAX_HEADER_VALUE)] as const);
}

/** The case result with the request's header lines and the response's headers and body excerpt. */
export function withExchange(result: CaseResult, testCase: RequestCase, trace: ItemTrace | undefined, masking: ExchangeMasking): CaseResult {
  if (!trace) return result;
  const safe = exchangeMasker(testCase, trace, masking);
  const request = result.request && {
    ...result.request,
    path: safe(result.request.path),
    ...(trace.requestHeaders ? { headers: safeHeaders(trace.requestHeaders, safe) } : {}),
  };
  let actual = result.actual;
  if (actual && 'status' in actual && trace.response) {
    const excerpt = bodyExcerpt(trace.response.body, safe);
    const recorded: ActualResponse = {
      ...actual,
      headers: safeHeaders(trace.response.headers, safe),
      ...(excerpt ? { bodyExcerpt: excerpt } : {}),
    };
    actual = recorded;
  }
  return { ...result, request, actual };
}
