/**
 * Case shapes the credential forms share, each written once: the valid credential on the baseline
 * operations, the credential under a scheme word that is not the form's, and a valid access key
 * changed into one no identity has. A form says how it sends a credential; the shape says which
 * cases follow, with stable ids `<form prefix><name>`.
 */
import type { HttpCaseSpec } from './case-builder.js';
import { TRUNCATED_KEY, CHANGED_KEY, SWAPPED_KEY } from './credentials.js';
import { V3IO_ONLY, type HttpCase, type OperationId, type Source } from './model.js';

/** What a form sends for a case: the request, and the derivations and sources it has of its own. */
type Sent = Pick<HttpCaseSpec<string>, 'request' | 'derive' | 'sources'>;

/**
 * The operations every form's valid credential is accepted on, in the words of their titles;
 * `generic`: a generic Basic server has it too (GET and HEAD of its protected URL), else the case
 * is V3IO only.
 */
const BASELINE: readonly (readonly [operation: OperationId, where: string, generic: boolean])[] = [
  ['get-object', 'on GET object', true],
  ['head-object', 'on HEAD object', true],
  ['put-object', 'on PUT object', false],
  ['get-item', 'on GetItem', false],
  ['list-container', 'on the container listing', false],
];

/** The valid credential on each baseline operation, `<idPrefix>valid-<operation>`, titled `<accepts> <where>`. */
export function validCases(
  httpCase: (spec: HttpCaseSpec<'valid'>) => HttpCase,
  idPrefix: string,
  accepts: string,
  sent: (operation: OperationId) => Sent,
): HttpCase[] {
  return BASELINE.map(([operation, where, generic]) =>
    httpCase({
      id: `${idPrefix}valid-${operation}`,
      ...(generic ? {} : { profiles: V3IO_ONLY }),
      family: 'valid',
      title: `${accepts} ${where}`,
      requirement: 'valid',
      ...sent(operation),
      expect: { outcome: 'accept' },
    }),
  );
}

/**
 * The builder of a form's scheme-word cases, `<idPrefix>scheme-word-<variant>`: the valid
 * credential under a word that is not the form's scheme, a channel the seed does not define, so
 * accepting it fails at MUST (auth-requirements.md, "How a level is chosen"). `statuses` is for a
 * word that is another form's scheme: the parameters break that form's syntax, so 400 is as right
 * as 401.
 */
export function schemeWordBuilder(
  httpCase: (spec: HttpCaseSpec<'schemeWord'>) => HttpCase,
  idPrefix: string,
  under: (scheme: string) => Sent,
): (variant: string, title: string, scheme: string, statuses?: readonly number[]) => HttpCase {
  return (variant, title, scheme, statuses) =>
    httpCase({
      id: `${idPrefix}scheme-word-${variant}`,
      family: 'scheme-word',
      title,
      requirement: 'schemeWord',
      ...under(scheme),
      expect: statuses ? { outcome: 'reject', statuses } : { outcome: 'unauthenticated' },
    });
}

/** How a form carries an access key, for the mutated-key cases. */
export interface KeyCarrier {
  readonly idPrefix: string;
  /** The id, after the prefix, of the case with the key in another letter case. */
  readonly otherCaseName: string;
  /** Where the key stands, for titles: `''`, or ` in Credential`. */
  readonly where: string;
  /** The request carrying this key (text with `{{variables}}`) in the key's place. */
  readonly request: (key: string) => HttpCaseSpec<string>['request'];
  /** The sources of the truncated and changed cases, where they differ from their requirement's. */
  readonly mutatedSources?: readonly Source[];
}

/**
 * A valid key changed: its last character removed or changed (the key of no identity, `mutated`),
 * a character appended or prepended (a longer, unknown key: a server that checks only that the
 * value starts with, or contains, a known key lets it in), another letter case (`exact`).
 */
const MUTATIONS = [
  { name: 'truncated-key', what: 'with its last character removed', requirement: 'mutated', derive: TRUNCATED_KEY },
  { name: 'one-character-changed', what: 'with one character changed', requirement: 'mutated', derive: CHANGED_KEY },
  { name: 'character-appended', what: 'with a character appended', unknown: true, key: '{{accessKey}}0' },
  { name: 'character-prepended', what: 'with a character prepended', unknown: true, key: '0{{accessKey}}' },
  { name: 'other-letter-case', what: 'in another letter case', requirement: 'exact', derive: SWAPPED_KEY },
] as const;

/** The mutated-key cases of a form, in the order above. */
export function mutatedKeyCases(httpCase: (spec: HttpCaseSpec<'mutated' | 'unknown' | 'exact'>) => HttpCase, carrier: KeyCarrier): HttpCase[] {
  return MUTATIONS.map((mutation) =>
    httpCase({
      id: `${carrier.idPrefix}${mutation.name === 'other-letter-case' ? carrier.otherCaseName : mutation.name}`,
      family: 'mutated-key',
      title: `rejects a valid key ${mutation.what}${carrier.where}${'unknown' in mutation ? ' (a longer, unknown key)' : ''}`,
      ...('unknown' in mutation
        ? { requirement: 'unknown', request: carrier.request(mutation.key) }
        : {
            requirement: mutation.requirement,
            ...(mutation.requirement === 'mutated' && carrier.mutatedSources ? { sources: carrier.mutatedSources } : {}),
            request: carrier.request(`{{${mutation.derive.name}}}`),
            derive: [mutation.derive],
          }),
      expect: { outcome: 'unauthenticated' },
    }),
  );
}
