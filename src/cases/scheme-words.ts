/**
 * Scheme-word cases, one shape for every form: the form's valid credential under a scheme word
 * that is not the form's own (a prefix of it, characters added, another form's scheme). That is a
 * channel the seed does not define, so accepting it fails at MUST (auth-requirements.md, "How a
 * level is chosen").
 */
import type { HttpCaseSpec } from './case-builder.js';
import type { HttpCase } from './model.js';

/** What a form sends under a scheme word: the request, and the derivations and sources it has of its own. */
export type UnderScheme = (scheme: string) => Pick<HttpCaseSpec<'schemeWord'>, 'request' | 'derive' | 'sources'>;

/**
 * The builder of a form's scheme-word cases, `<idPrefix>scheme-word-<variant>`. `statuses` is for
 * a word that is another form's scheme: the parameters break that form's syntax, so 400 is as
 * right as 401.
 */
export function schemeWordBuilder(
  httpCase: (spec: HttpCaseSpec<'schemeWord'>) => HttpCase,
  idPrefix: string,
  under: UnderScheme,
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
