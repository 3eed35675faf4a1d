/**
 * Checks of the transport rather than of a request, added to a real target's report as results
 * of their own (family `transport`, form cross-cutting), after the newman run
 * (auth-requirements.md, "HTTPS"):
 * - `https-tls-minimum-version` (SHOULD, https only): TLS 1.2 or later negotiated, TLS 1.0 and
 *   TLS 1.1 refused (RFC 8996) — handshakes of the runner's own (tls-probe.ts);
 * - `https-strict-transport-security` (MAY, https only): the responses carry
 *   Strict-Transport-Security (RFC 6797);
 * - `http-no-strict-transport-security` (MUST, http only): no response over plain HTTP carries it
 *   (RFC 6797 §7.2).
 * The header checks look at every response the run got. A check this Node cannot make (its
 * OpenSSL offers no TLS 1.0) is left out of the result, and the result says so.
 */
import type { Form, Level, OutcomeClass } from '../cases/model.js';
import type { ItemTrace } from './newman-session.js';
import { failedLevelOf, type CaseResult, type CheckResult } from './results.js';
import { matchesFilters, type CaseSelection } from './selection.js';
import { acceptsOnly, negotiatedVersion, type OldVersion } from './tls-probe.js';

interface TransportCheck {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly requirement: string;
  readonly sources: readonly string[];
  readonly protocol: 'https:' | 'http:';
  readonly expected: OutcomeClass;
}

const FORM: Form = 'cross-cutting';

export const TRANSPORT_CHECKS: readonly TransportCheck[] = [
  {
    id: 'https-tls-minimum-version',
    title: 'negotiates TLS 1.2 or later and refuses TLS 1.0 and 1.1',
    level: 'should',
    requirement: 'TLS 1.2 or later; TLS 1.0/1.1 refused (SHOULD; RFC 8996).',
    sources: ['RFC 8996', 'seed §HTTPS Requests', 'RFC 9110 §17.16'],
    protocol: 'https:',
    expected: 'reject',
  },
  {
    id: 'https-strict-transport-security',
    title: 'sends Strict-Transport-Security over HTTPS',
    level: 'may',
    requirement: '`Strict-Transport-Security` on HTTPS responses (MAY; RFC 6797).',
    sources: ['RFC 6797', 'seed §HTTPS Requests'],
    protocol: 'https:',
    expected: 'accept',
  },
  {
    id: 'http-no-strict-transport-security',
    title: 'sends no Strict-Transport-Security over plain HTTP',
    level: 'must',
    requirement: '`Strict-Transport-Security` never on plain HTTP (MUST, RFC 6797 §7.2).',
    sources: ['RFC 6797 §7.2'],
    protocol: 'http:',
    expected: 'accept',
  },
];

/** The transport checks as selection filters see them (`--grep`, `--form`, `--level`). */
export const TRANSPORT_CHECK_ENTRIES: readonly { id: string; title: string; form: Form; level: Level }[] = TRANSPORT_CHECKS.map((c) => ({ id: c.id, title: c.title, form: FORM, level: c.level }));

/** The transport checks a run covers: those of the target's scheme that its selection keeps. */
export function selectedTransportChecks(baseUrl: string, selection: CaseSelection): TransportCheck[] {
  const protocol = new URL(baseUrl).protocol;
  return TRANSPORT_CHECKS.filter((c) => c.protocol === protocol && matchesFilters({ id: c.id, title: c.title, form: FORM, level: c.level }, selection));
}

function result(check: TransportCheck, checks: readonly CheckResult[], reason?: string): CaseResult {
  const failedLevel = failedLevelOf(checks);
  return {
    id: check.id,
    title: check.title,
    form: FORM,
    family: 'transport',
    level: check.level,
    requirement: check.requirement,
    sources: check.sources,
    outcome: checks.length === 0 ? 'skip' : failedLevel ? 'fail' : 'pass',
    expected: { outcome: check.expected, statuses: [] },
    actual: null,
    request: null,
    checks,
    failedLevel,
    ...(reason ? { reason } : {}),
  };
}

function stsCount(traces: readonly ItemTrace[]): { carrying: number; responses: number } {
  const answered = traces.filter((t) => t.response);
  const carrying = answered.filter((t) => t.response!.headers.some(([name]) => name.toLowerCase() === 'strict-transport-security')).length;
  return { carrying, responses: answered.length };
}

async function tlsVersionResult(check: TransportCheck, url: URL, timeoutMs: number): Promise<CaseResult> {
  const checks: CheckResult[] = [];
  const untestable: string[] = [];
  const negotiated = await negotiatedVersion(url, timeoutMs);
  if (negotiated.kind === 'accepted') {
    const modern = negotiated.protocol === 'TLSv1.2' || negotiated.protocol === 'TLSv1.3';
    checks.push({ name: 'negotiates TLS 1.2 or later', level: 'should', passed: modern, ...(modern ? {} : { message: `Expected TLS 1.2 or later, got ${negotiated.protocol} when offered TLS 1.0 to 1.3` }) });
  } else {
    untestable.push(`no handshake offering TLS 1.0 to 1.3 (${negotiated.code})`);
  }
  for (const [version, name] of [['TLSv1', 'TLS 1.0'], ['TLSv1.1', 'TLS 1.1']] as [OldVersion, string][]) {
    const probe = await acceptsOnly(url, version, timeoutMs);
    if (probe.kind === 'untestable') untestable.push(`this Node cannot offer ${name} (${probe.code})`);
    else checks.push({ name: `refuses ${name}`, level: 'should', passed: probe.kind === 'refused', ...(probe.kind === 'accepted' ? { message: `Expected the handshake offering only ${name} to fail, got ${probe.protocol} negotiated` } : {}) });
  }
  return result(check, checks, untestable.length > 0 ? `not checked: ${untestable.join('; ')}` : undefined);
}

/** The results of the transport checks a run covers, from its traces and handshakes of its own. */
export async function transportResults(baseUrl: string, selection: CaseSelection, traces: readonly ItemTrace[], timeoutMs: number): Promise<CaseResult[]> {
  const url = new URL(baseUrl);
  const results: CaseResult[] = [];
  for (const check of selectedTransportChecks(baseUrl, selection)) {
    const { carrying, responses } = stsCount(traces);
    if (check.id === 'https-tls-minimum-version') {
      results.push(await tlsVersionResult(check, url, timeoutMs));
    } else if (check.id === 'https-strict-transport-security') {
      const passed = carrying > 0;
      results.push(result(check, [{ name: 'sends Strict-Transport-Security', level: 'may', passed, ...(passed ? {} : { message: `Expected a Strict-Transport-Security header, got none on ${responses} HTTPS responses` }) }]));
    } else {
      const passed = carrying === 0;
      results.push(result(check, [{ name: 'sends no Strict-Transport-Security over plain HTTP', level: 'must', passed, ...(passed ? {} : { message: `Expected no Strict-Transport-Security header over plain HTTP, got one on ${carrying} of ${responses} responses` }) }]));
    }
  }
  return results;
}
