/**
 * The catalogue: every case, in one explicit order (the HTTP cases of the forms in the order of
 * `FORMS`, each module's cases in the order written, then the wire cases, which are sent over a
 * raw socket rather than through newman, then the transport cases, which the runner measures on a
 * real target). Consumers read this; case modules know nothing of them.
 */
import type { ConformanceCase, Form } from './model.js';
import { SESSION_KEY_CASES } from './session-key.js';
import { AWS_SIGV4_CASES } from './aws-sigv4.js';
import { AWS_SIGV2_CASES } from './aws-sigv2.js';
import { BASIC_CASES } from './basic.js';
import { EVERY_OPERATION_CASES, PERMISSION_VIA_AUTHORIZATION_CASES } from './every-operation.js';
import { UNSUPPORTED_SCHEME_CASES } from './unsupported-schemes.js';
import { OTHER_CHANNEL_CASES } from './other-channels.js';
import { DUPLICATE_AUTHORIZATION_CASES } from './duplicate-authorization.js';
import { CONFLICTING_FORM_CASES } from './conflicting-forms.js';
import { HEADER_SIZE_CASES } from './header-size.js';
import { WIRE_CASES } from './wire.js';
import { MESSAGE_CONTEXT_CASES } from './message-context.js';
import { IDENTITY_HEADER_CASES } from './identity-headers.js';
import { CREDENTIAL_SIZE_CASES } from './credential-sizes.js';
import { CONDITIONAL_REQUEST_CASES } from './conditional-requests.js';
import { CREDENTIAL_CARRIER_CASES } from './credential-carriers.js';
import { REQUEST_TARGET_CASES } from './request-targets.js';
import { CONNECTION_REUSE_CASES } from './connection-reuse.js';
import { BYPASS_LONG_TAIL_CASES, BYPASS_TECHNIQUE_CASES } from './bypass-techniques.js';
import { TRANSPORT_CASES } from './transport.js';

export const CATALOGUE: readonly ConformanceCase[] = [
  ...SESSION_KEY_CASES,
  ...AWS_SIGV4_CASES,
  ...AWS_SIGV2_CASES,
  ...BASIC_CASES,
  // Cross-cutting, by topic.
  ...EVERY_OPERATION_CASES,
  ...UNSUPPORTED_SCHEME_CASES,
  ...OTHER_CHANNEL_CASES,
  ...DUPLICATE_AUTHORIZATION_CASES,
  ...CONFLICTING_FORM_CASES,
  ...PERMISSION_VIA_AUTHORIZATION_CASES,
  ...HEADER_SIZE_CASES,
  // Cross-cutting topics of docs/threat-model.md, each in a module of its own.
  ...IDENTITY_HEADER_CASES,
  ...CREDENTIAL_CARRIER_CASES,
  ...CREDENTIAL_SIZE_CASES,
  ...CONDITIONAL_REQUEST_CASES,
  ...WIRE_CASES,
  ...MESSAGE_CONTEXT_CASES,
  ...REQUEST_TARGET_CASES,
  ...CONNECTION_REUSE_CASES,
  ...BYPASS_TECHNIQUE_CASES,
  // Properties of the connection, measured by the runner rather than sent.
  ...TRANSPORT_CASES,
];

/**
 * How much of the bypass toolbox a run sends (`run --bypass`): `default`, the catalogue; `full`,
 * the catalogue with the long tail of bypass-techniques.ts after the toolbox's own cases.
 */
export const BYPASS_EXTENTS = ['default', 'full'] as const;
export type BypassExtent = (typeof BYPASS_EXTENTS)[number];

const FULL_BYPASS_CATALOGUE: readonly ConformanceCase[] = (() => {
  const after = CATALOGUE.indexOf(BYPASS_TECHNIQUE_CASES.at(-1)!) + 1;
  return [...CATALOGUE.slice(0, after), ...BYPASS_LONG_TAIL_CASES, ...CATALOGUE.slice(after)];
})();

/** The cases a run with this bypass extent chooses from, in catalogue order. */
export function catalogueFor(extent: BypassExtent = 'default'): readonly ConformanceCase[] {
  return extent === 'full' ? FULL_BYPASS_CATALOGUE : CATALOGUE;
}

const BY_ID: ReadonlyMap<string, ConformanceCase> = new Map(FULL_BYPASS_CATALOGUE.map((c) => [c.id, c]));

/** The case with this id (the bypass toolbox's long tail included), or `undefined`. */
export function findCase(id: string): ConformanceCase | undefined {
  return BY_ID.get(id);
}

/** The cases of one form, in catalogue order. */
export function casesByForm(form: Form): readonly ConformanceCase[] {
  return CATALOGUE.filter((c) => c.form === form);
}
