/**
 * docs/catalogue.md: every case of the catalogue: the HTTP cases by credential form, the wire cases
 * with the bytes they send, and the transport cases with what the runner measures. Generated from
 * the catalogue alone, so that it cannot drift from it.
 */
import { isHttpCase, isTransportCase, isWireCase } from '../cases/case-request.js';
import { FORMS, FORM_TITLES, OUTCOME_STATUSES, TRANSPORT_PROBE_TEXT, type ConformanceCase, type Form, type HttpCase, type RequestCase } from '../cases/model.js';
import { renderFamilyTable } from '../report/case-list.js';
import { escapeWireText, wirePreview } from '../wire/bytes.js';
import { cellText, codeCell, generatedNotice, headingSlug, table } from './markdown.js';

/**
 * What a case expects, e.g. `unauthenticated (401)`, `malformed (400), or 2xx after a repair`,
 * `malformed (400, the status required)`, `reject (401 or 400 or 404); a 2xx let in only on
 * evidence` (docs/checks.md); for a transport case, what its probe should find.
 */
export function describeCaseExpectation(testCase: ConformanceCase): string {
  if (testCase.kind === 'transport') return TRANSPORT_PROBE_TEXT[testCase.probe];
  const { outcome } = testCase.expect;
  if (outcome === 'accept') return 'accept (2xx)';
  const statuses = testCase.expect.statuses ?? OUTCOME_STATUSES[outcome];
  const repair = testCase.kind === 'wire' && testCase.wire.repairAccepted ? ', or 2xx after a repair' : '';
  const required = testCase.kind === 'wire' && testCase.wire.statusRequired ? ', the status required' : '';
  const onEvidence = testCase.expect.letInOnEvidence ? '; a 2xx let in only on evidence' : '';
  return `${outcome} (${statuses.join(' or ')}${required})${repair}${onEvidence}`;
}

function caseRow(testCase: HttpCase): string[] {
  const variables = (testCase.requires ?? []).map((v) => codeCell(v)).join(', ');
  const differ = (testCase.distinct ?? []).map(([a, b]) => `${codeCell(a)} ≠ ${codeCell(b)}`).join(', ');
  const needs = [variables, differ].filter((part) => part !== '').join('; ');
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
  const mine = cases.filter(isHttpCase).filter((c) => c.form === form);
  const header = ['id', 'level', 'family', 'title', 'expected', 'profiles', 'needs'];
  return [`### ${FORM_TITLES[form]}`, '', `${mine.length} cases.`, '', table(header, mine.map(caseRow))].join('\n');
}

/** A case's derived variables, escaped like the bytes, e.g. `unknownKey` = `{{accessKey}}`, change-last-char. */
function derivationsOf(testCase: RequestCase): string {
  return (testCase.derive ?? []).map((d) => `${codeCell(d.name)} = ${codeCell(escapeWireText(d.from))}${d.apply.map((t) => `, ${t.op}${'length' in t ? ` ${t.length}` : ''}`).join('')}`).join('; ');
}

function wireSection(cases: readonly ConformanceCase[]): string {
  const wire = cases.filter(isWireCase);
  const rows = wire.map((c) => [codeCell(c.id), c.level.toUpperCase(), cellText(c.title), cellText(describeCaseExpectation(c)), codeCell(wirePreview(c.wire.parts)), derivationsOf(c)]);
  return [
    '## Wire cases',
    '',
    `${wire.length} cases, sent byte for byte over a raw socket (not in the Postman collection; an embedded run sends them to the reference served on a loopback port).`,
    'The bytes are escaped (`\\r`, `\\n`, `\\t`, `\\\\`, `\\xNN`) with their `{{placeholders}}` unresolved, as `list --format json` prints them in `wire.bytes`;',
    '`{{host}}` is the host and port of `baseUrl`, `{{runPrefix}}` the run\'s fixture folder, and a derived variable is its template after each step in turn.',
    '',
    table(['id', 'level', 'title', 'expected', 'bytes', 'derived variables'], rows),
  ].join('\n');
}

function transportSection(cases: readonly ConformanceCase[]): string {
  const transport = cases.filter(isTransportCase);
  const rows = transport.map((c) => [codeCell(c.id), c.level.toUpperCase(), cellText(c.title), cellText(describeCaseExpectation(c)), `${c.protocol}://`, c.profiles.join(', ')]);
  return [
    '## Transport cases',
    '',
    `${transport.length} cases, properties of the connection measured by the runner on a real target whose URL has the case's scheme, after the requests (not in the Postman collection; not in an embedded run, which has no transport of its own).`,
    '',
    table(['id', 'level', 'title', 'expected', 'target', 'profiles'], rows),
  ].join('\n');
}

export function renderCatalogueDoc(cases: readonly ConformanceCase[]): string {
  const count = (kind: ConformanceCase['kind']): number => cases.filter((c) => c.kind === kind).length;
  const sections = [
    generatedNotice('the catalogue in `src/cases/`'),
    '',
    '# The case catalogue',
    '',
    `${cases.length} cases: ${count('http')} sent through newman (and in the Postman collection), ${count('wire')} wire cases sent over a raw socket, ${count('transport')} transport cases measured on a real target.`,
    'How they are judged: [what is checked](checks.md). `npx v3io-auth-conformance list` prints the same catalogue; `list --format json` every field of every case.',
    '',
    '- [Families](#families)',
    '- [Cases by credential form](#cases-by-credential-form)',
    ...FORMS.filter((f) => cases.some((c) => c.form === f && isHttpCase(c))).map((f) => `  - [${FORM_TITLES[f]}](#${headingSlug(FORM_TITLES[f])})`),
    '- [Wire cases](#wire-cases)',
    '- [Transport cases](#transport-cases)',
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
    'A case in the `basic` profile is also run by `run --profile basic` against any Basic-authentication server. A case that needs an optional variable (column *needs*) is skipped when the target does not set it, or when two variables it needs to differ (≠) are equal.',
    '',
    ...FORMS.filter((f) => cases.some((c) => c.form === f && isHttpCase(c))).flatMap((f) => [formSection(f, cases), '']),
    wireSection(cases),
    '',
    transportSection(cases),
  ];
  return `${sections.join('\n')}\n`;
}
