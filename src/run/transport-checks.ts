/**
 * The transport cases of the catalogue (src/cases/transport.ts) measured on a real target, after
 * the requests, each as a result of its own (auth-requirements.md, "HTTPS"). The catalogue says
 * which exist, their levels and the protocol each applies to; this module measures what each
 * `probe` names:
 * - `tls-minimum-version`: TLS 1.2 or later negotiated, TLS 1.0 and TLS 1.1 refused (RFC 8996),
 *   with handshakes of the runner's own (tls-probe.ts);
 * - `strict-transport-security`: the responses carry Strict-Transport-Security (RFC 6797);
 * - `no-strict-transport-security`: no response carries it (RFC 6797 §7.2).
 * The header probes look at every response the run got. A case of the other protocol than the
 * target's is left out of the run. A check this Node cannot make (its OpenSSL offers no TLS 1.0)
 * is left out of the result, and the result says so.
 */
import { isTransportCase } from '../cases/case-request.js';
import type { ConformanceCase, TransportCase, TransportProbe } from '../cases/model.js';
import type { ItemRecord } from './engine.js';
import { failedLevelOf, resultBase, type CaseResult, type CheckResult } from './results.js';
import { acceptsOnly, negotiatedVersion, type OldVersion } from './tls-probe.js';

/** The transport cases among `cases` that a run against `baseUrl` measures: those of its scheme. */
export function applicableTransportCases(cases: readonly ConformanceCase[], baseUrl: string): TransportCase[] {
  const protocol = new URL(baseUrl).protocol.replace(/:$/, '');
  return cases.filter(isTransportCase).filter((c) => c.protocol === protocol);
}

function result(testCase: TransportCase, checks: readonly CheckResult[], reason?: string): CaseResult {
  const failedLevel = failedLevelOf(checks);
  return {
    ...resultBase(testCase),
    outcome: checks.length === 0 ? 'skip' : failedLevel ? 'fail' : 'pass',
    actual: null,
    request: null,
    checks,
    failedLevel,
    ...(reason ? { reason } : {}),
  };
}

function stsCount(traces: readonly ItemRecord[]): { carrying: number; responses: number } {
  const answered = traces.filter((t) => t.response);
  const carrying = answered.filter((t) => t.response!.headers.some(([name]) => name.toLowerCase() === 'strict-transport-security')).length;
  return { carrying, responses: answered.length };
}

/** What a probe needs: the target, the run's traces, the per-request timeout. */
interface Measured {
  readonly url: URL;
  readonly traces: readonly ItemRecord[];
  readonly timeoutMs: number;
}

async function tlsVersionResult(testCase: TransportCase, { url, timeoutMs }: Measured): Promise<CaseResult> {
  const { level } = testCase;
  const checks: CheckResult[] = [];
  const untestable: string[] = [];
  const negotiated = await negotiatedVersion(url, timeoutMs);
  if (negotiated.kind === 'accepted') {
    const modern = negotiated.protocol === 'TLSv1.2' || negotiated.protocol === 'TLSv1.3';
    checks.push({ name: 'negotiates TLS 1.2 or later', level, passed: modern, ...(modern ? {} : { message: `Expected TLS 1.2 or later, got ${negotiated.protocol} when offered TLS 1.0 to 1.3` }) });
  } else {
    untestable.push(`no handshake offering TLS 1.0 to 1.3 (${negotiated.code})`);
  }
  for (const [version, name] of [['TLSv1', 'TLS 1.0'], ['TLSv1.1', 'TLS 1.1']] as [OldVersion, string][]) {
    const probe = await acceptsOnly(url, version, timeoutMs);
    if (probe.kind === 'untestable') untestable.push(`this Node cannot offer ${name} (${probe.code})`);
    else checks.push({ name: `refuses ${name}`, level, passed: probe.kind === 'refused', ...(probe.kind === 'accepted' ? { message: `Expected the handshake offering only ${name} to fail, got ${probe.protocol} negotiated` } : {}) });
  }
  return result(testCase, checks, untestable.length > 0 ? `not checked: ${untestable.join('; ')}` : undefined);
}

/** How each probe is measured. */
const PROBES: Readonly<Record<TransportProbe, (testCase: TransportCase, measured: Measured) => Promise<CaseResult> | CaseResult>> = {
  'tls-minimum-version': tlsVersionResult,
  'strict-transport-security': (testCase, { traces }) => {
    const { carrying, responses } = stsCount(traces);
    const passed = carrying > 0;
    return result(testCase, [{ name: 'sends Strict-Transport-Security', level: testCase.level, passed, ...(passed ? {} : { message: `Expected a Strict-Transport-Security header, got none on ${responses} HTTPS responses` }) }]);
  },
  'no-strict-transport-security': (testCase, { traces }) => {
    const { carrying, responses } = stsCount(traces);
    const passed = carrying === 0;
    return result(testCase, [{ name: 'sends no Strict-Transport-Security over plain HTTP', level: testCase.level, passed, ...(passed ? {} : { message: `Expected no Strict-Transport-Security header over plain HTTP, got one on ${carrying} of ${responses} responses` }) }]);
  },
};

/** The results of the transport cases among `cases` (the run's selection) that apply to `baseUrl`, in catalogue order. */
export async function transportResults(cases: readonly ConformanceCase[], baseUrl: string, traces: readonly ItemRecord[], timeoutMs: number): Promise<CaseResult[]> {
  const measured: Measured = { url: new URL(baseUrl), traces, timeoutMs };
  const results: CaseResult[] = [];
  for (const testCase of applicableTransportCases(cases, baseUrl)) results.push(await PROBES[testCase.probe](testCase, measured));
  return results;
}
