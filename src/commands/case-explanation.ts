/**
 * `explain <id>`: one case as a reader needs it to understand a failure — its requirement, level
 * and sources (linked as the reports link them), the request as the profile sends it with every
 * `{{variable}}` left a placeholder (so no secret can appear), the requests around it, and what
 * is expected: the outcome, the statuses and every check judging may make, with its level.
 */
import { caseMethod, caseTarget } from '../cases/case-request.js';
import { TRANSPORT_PROBE_TEXT, type ConformanceCase, type Level, type RequestCase } from '../cases/model.js';
import type { Profile } from '../cases/profiles.js';
import { operationOf } from '../cases/profiles.js';
import { allRequirements } from '../cases/requirements.js';
import { describeCaseExpectation } from '../docs/catalogue-doc.js';
import { casePlan, plannedChecks, type CasePlan, type PlannedCheck } from '../judge/index.js';
import { sourceLink, type SourceLink } from '../report/source-links.js';
import { expectedStatuses } from '../results/results.js';
import { escapeWireText, wirePreview } from '../wire/bytes.js';

/** A request the case sends besides its own, with valid credentials (a preparation, a read-back). */
interface StepLine {
  readonly when: 'preparation' | 'before' | 'after';
  readonly method: string;
  readonly target: string;
}

type ExplainedRequest =
  | {
      readonly kind: 'http';
      readonly method: string;
      readonly target: string;
      readonly headers: readonly (readonly [string, string])[];
      readonly body?: string;
    }
  | { readonly kind: 'wire'; readonly method: string; readonly target: string; readonly bytes: string }
  | { readonly kind: 'transport'; readonly protocol: string; readonly measures: string };

export interface CaseExplanation {
  readonly id: string;
  readonly title: string;
  readonly kind: ConformanceCase['kind'];
  readonly form: ConformanceCase['form'];
  readonly family: string;
  readonly level: Level;
  readonly profile: Profile['id'];
  readonly profiles: readonly string[];
  readonly requirement: { readonly sentence: string; readonly level?: Level };
  readonly sources: readonly SourceLink[];
  readonly request: ExplainedRequest;
  /** Variables computed before sending: `{{name}}` is `from` after each step of `apply`. */
  readonly derived: readonly { readonly name: string; readonly from: string; readonly apply: readonly string[] }[];
  /** Optional variables the case needs; without them it is skipped. */
  readonly needs: readonly string[];
  readonly steps: readonly StepLine[];
  /** The credential lines of the second request whose answer must equal the case's. */
  readonly sameResponseAs?: readonly (readonly [string, string])[];
  readonly expected: { readonly outcome: string; readonly statuses: readonly number[]; readonly description: string };
  readonly checks: readonly PlannedCheck[];
}

const BASE_URL = '{{baseUrl}}';

function stepsOf(plan: CasePlan): StepLine[] {
  const line = (when: StepLine['when']) => (step: { method: string; path: string }): StepLine => ({ when, method: step.method, target: `${BASE_URL}${step.path}` });
  return [...plan.preparation.map(line('preparation')), ...plan.beforeRead.map(line('before')), ...plan.afterRead.map(line('after'))];
}

function requestOf(testCase: RequestCase): ExplainedRequest {
  const target = caseTarget(testCase);
  const method = caseMethod(testCase);
  if (testCase.kind === 'wire') return { kind: 'wire', method, target, bytes: wirePreview(testCase.wire.parts) };
  const { headers, body } = testCase.request;
  return { kind: 'http', method, target: `${BASE_URL}${target}`, headers, ...(body === undefined ? {} : { body }) };
}

/** `testCase`: as `profile` sends it (`inProfile`). */
export function explainCase(testCase: ConformanceCase, profile: Profile): CaseExplanation {
  const requirement = allRequirements().find((r) => r.sentence === testCase.requirement);
  const common = {
    id: testCase.id,
    title: testCase.title,
    kind: testCase.kind,
    form: testCase.form,
    family: testCase.family,
    level: testCase.level,
    profile: profile.id,
    profiles: testCase.profiles,
    requirement: { sentence: testCase.requirement, ...(requirement ? { level: requirement.level } : {}) },
    sources: testCase.sources.map(sourceLink),
    expected: { outcome: testCase.expect.outcome, statuses: expectedStatuses(testCase), description: describeCaseExpectation(testCase) },
  };
  if (testCase.kind === 'transport') {
    return {
      ...common,
      request: { kind: 'transport', protocol: testCase.protocol, measures: TRANSPORT_PROBE_TEXT[testCase.probe] },
      derived: [],
      needs: [],
      steps: [],
      checks: [{ id: testCase.probe, name: testCase.title, level: testCase.level }],
    };
  }
  const operation = operationOf(profile, testCase);
  const plan = casePlan(testCase, operation);
  return {
    ...common,
    request: requestOf(testCase),
    derived: (testCase.derive ?? []).map((d) => ({ name: d.name, from: d.from, apply: d.apply.map((t) => ('length' in t ? `${t.op} ${t.length}` : t.op)) })),
    needs: testCase.requires ?? [],
    steps: stepsOf(plan),
    ...(plan.second ? { sameResponseAs: plan.second.credentials } : {}),
    checks: plannedChecks({ testCase, operation, plan, ...(profile.errorSchema ? { errorSchema: profile.errorSchema } : {}) }),
  };
}

const upper = (level: Level): string => level.toUpperCase();
const linked = (source: SourceLink): string => (source.href ? `${source.text} <${source.href}>` : source.text);

/** The explanation as text: values escaped as the wire bytes are (`\r`, `\xNN`), placeholders as written. */
export function renderExplanation(explanation: CaseExplanation): string {
  const e = explanation;
  const lines = [
    `${e.id}: ${e.title}`,
    `  level        ${upper(e.level)} (${e.kind} case, form ${e.form}, family ${e.family}; profiles ${e.profiles.join(', ')})`,
    `  requirement  ${e.requirement.sentence}${e.requirement.level ? ` [${upper(e.requirement.level)}]` : ''}`,
    '  sources',
    ...e.sources.map((s) => `    ${linked(s)}`),
  ];
  const request = e.request;
  if (request.kind === 'transport') {
    lines.push(`  measures     on an ${request.protocol} target: ${request.measures} (the runner's own probe, no request of the case)`);
  } else {
    lines.push(`  request      as the ${e.profile} profile sends it; {{variables}} are placeholders, never their values${request.kind === 'http' ? ' (the HTTP client adds Host and, with a body, Content-Length)' : ''}`);
    if (request.kind === 'http') {
      lines.push(`    ${request.method} ${request.target}`, ...request.headers.map(([name, value]) => `    ${escapeWireText(name)}: ${escapeWireText(value)}`));
      if (request.body !== undefined) lines.push('', `    ${escapeWireText(request.body)}`);
    } else {
      lines.push(`    raw bytes over a socket to {{host}}: ${request.bytes}`);
    }
  }
  if (e.derived.length > 0) lines.push('  derived', ...e.derived.map((d) => `    {{${d.name}}} = ${escapeWireText(d.from)}${d.apply.map((op) => `, ${op}`).join('')}`));
  if (e.needs.length > 0) lines.push(`  needs        ${e.needs.join(', ')} (skipped without)`);
  for (const step of e.steps) lines.push(`  ${step.when.padEnd(12)} ${step.method} ${step.target} (with the main access key)`);
  if (e.sameResponseAs) lines.push(`  compared to  the same request with ${e.sameResponseAs.map(([n, v]) => `${n}: ${escapeWireText(v)}`).join(', ') || 'no credential'}`);
  lines.push(`  expected     ${e.expected.description}`, '  checks (some are made only on some answers)', ...e.checks.map((c) => `    [${upper(c.level)}] ${c.name}`));
  return `${lines.join('\n')}\n`;
}
