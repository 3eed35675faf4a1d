/**
 * Cross-cutting cases: a GET without credentials that asks for less than the whole answer — a
 * precondition (RFC 9110 §13) or a byte range (RFC 9110 §14). A layer that evaluates them before
 * authentication (a cache or static-file layer in front of the auth check) answers 304 or 206 to
 * anyone, telling that the object exists or handing out part of it. Found by the section sweep of
 * docs/threat-model.md (RFC 9110 §13.2, §14.2).
 *
 * Level: MUST (auth-requirements.md: lets a request in without a valid credential; RFC 9110
 * §13.2.1 has a server ignore preconditions where the answer without them would not be 2xx).
 */
import { EVERY_PROFILE, type HeaderLine, type HttpCase } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { request } from './operations.js';
import type { RequirementName } from './requirements.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: ['conditional-requests'] });

function conditional(id: string, title: string, requirement: RequirementName<'conditional-requests'>, header: HeaderLine): HttpCase {
  return httpCase({
    id: `cross-conditional-${id}`,
    family: 'conditional-request',
    title,
    requirement,
    request: request('get-object', [header]),
    expect: { outcome: 'unauthenticated' },
  });
}

export const CONDITIONAL_REQUEST_CASES: readonly HttpCase[] = [
  conditional('if-none-match-any-without-credentials', 'rejects a GET with If-None-Match: * and no credentials (never 304)', 'precondition', ['If-None-Match', '*']),
  // A date after any object's: a server that evaluates it first answers 304 for every object.
  conditional(
    'if-modified-since-without-credentials',
    'rejects a GET with If-Modified-Since in the future and no credentials (never 304)',
    'precondition',
    ['If-Modified-Since', 'Fri, 01 Jan 2100 00:00:00 GMT'],
  ),
  conditional('range-without-credentials', 'rejects a GET of the first byte (Range: bytes=0-0) without credentials (never 206)', 'range', ['Range', 'bytes=0-0']),
];
