/**
 * docs/catalogue.md: every case of the catalogue, by credential form, and the wire cases with the
 * bytes they send. Generated from the catalogue alone, so that it cannot drift from it.
 */
import { FORMS, FORM_TITLES, OUTCOME_STATUSES, type ConformanceCase, type Form } from '../cases/model.js';
import { renderFamilyTable } from '../report/case-list.js';
import { escapeWireText, wirePreview } from '../wire/bytes.js';
import { cellText, codeCell, generatedNotice, headingSlug, table } from './markdown.js';

/** What a case expects, e.g. `unauthenticated (401)`, `malformed (400), or 2xx after a repair`. */
export function describeCaseExpectation(testCase: ConformanceCase): string {
  const { outcome } = testCase.expect;
  if (outcome === 'accept') return 'accept (2xx)';
  const statuses = testCase.expect.statuses ?? OUTCOME_STATUSES[outcome];
  const repair = testCase.wire?.repairAccepted ? ', or 2xx after a repair' : '';
  return `${outcome} (${statuses.join(' or ')})${repair}`;
}

function caseRow(testCase: ConformanceCase): string[] {
  const needs = testCase.requires?.length ? testCase.requires.map((v) => codeCell(v)).join(', ') : '';
  return [
    codeCell(testCase.id),
    testCase.level.toUpperCase(),
    cellText(testCase.family),
    cellText(testCase.title),
    cellText(describeCaseExpectation(testCase)),
    testCase.profiles.join(', '),
    needs,
  ];
}

function formSection(form: Form, cases: readonly ConformanceCase[]): string {
  const mine = cases.filter((c) => c.form === form && !c.wire);
  const header = ['id', 'level', 'family', 'title', 'expected', 'profiles', 'needs'];
  return [`### ${FORM_TITLES[form]}`, '', `${mine.length} cases.`, '', table(header, mine.map(caseRow))].join('\n');
}

/** A case's derived variables, escaped like the bytes, e.g. `unknownKey` = `{{accessKey}}`, change-last-char. */
function derivationsOf(testCase: ConformanceCase): string {
  return (testCase.derive ?? []).map((d) => `${codeCell(d.name)} = ${codeCell(escapeWireText(d.from))}${d.apply.map((t) => `, ${t.op}${'length' in t ? ` ${t.length}` : ''}`).join('')}`).join('; ');
}

function wireSection(cases: readonly ConformanceCase[]): string {
  const wire = cases.filter((c) => c.wire);
  const rows = wire.map((c) => [codeCell(c.id), c.level.toUpperCase(), cellText(c.title), cellText(describeCaseExpectation(c)), codeCell(wirePreview(c.wire?.parts ?? [])), derivationsOf(c)]);
  return [
    '## Wire cases',
    '',
    `${wire.length} cases, sent byte for byte over a raw socket (not in the Postman collection; skipped against the embedded reference).`,
    'The bytes are escaped (`\\r`, `\\n`, `\\t`, `\\\\`, `\\xNN`) with their `{{placeholders}}` unresolved, as `list --format json` prints them in `wire.bytes`;',
    '`{{host}}` is the host and port of `baseUrl`, `{{runPrefix}}` the run\'s fixture folder, and a derived variable is its template after each step in turn.',
    '',
    table(['id', 'level', 'title', 'expected', 'bytes', 'derived variables'], rows),
  ].join('\n');
}

export function renderCatalogueDoc(cases: readonly ConformanceCase[]): string {
  const httpCases = cases.filter((c) => !c.wire).length;
  const sections = [
    generatedNotice('the catalogue in `src/cases/`'),
    '',
    '# The case catalogue',
    '',
    `${cases.length} cases: ${httpCases} sent through newman (and in the Postman collection), ${cases.length - httpCases} wire cases sent over a raw socket.`,
    'How they are judged: [what is checked](checks.md). `npx v3io-auth-conformance list` prints the same catalogue; `list --format json` every field of every case.',
    '',
    '- [Families](#families)',
    '- [Cases by credential form](#cases-by-credential-form)',
    ...FORMS.filter((f) => cases.some((c) => c.form === f && !c.wire)).map((f) => `  - [${FORM_TITLES[f]}](#${headingSlug(FORM_TITLES[f])})`),
    '- [Wire cases](#wire-cases)',
    '',
    '## Families',
    '',
    'Cases per family (rows) and credential form (columns):',
    '',
    '<!-- family-table:start -->',
    renderFamilyTable(cases),
    '<!-- family-table:end -->',
    '',
    '## Cases by credential form',
    '',
    'A case in the `basic` profile is also run by `run --profile basic` against any Basic-authentication server. A case that needs an optional variable (column *needs*) is skipped when the target does not set it.',
    '',
    ...FORMS.filter((f) => cases.some((c) => c.form === f && !c.wire)).flatMap((f) => [formSection(f, cases), '']),
    wireSection(cases),
  ];
  return `${sections.join('\n')}\n`;
}
