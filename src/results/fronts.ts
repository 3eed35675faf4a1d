/**
 * Fronts named: which answers evidently came from an intermediary (a reverse proxy, a load
 * balancer, a CDN) rather than from the target behind it, judged on what the run recorded.
 *
 * An answer is the front's when it is not a 2xx and
 * - its body is a known proxy or ingress error page (nginx's `<center>nginx</center>`, Apache's
 *   `<address>… Server at`, HAProxy's, Envoy's `upstream connect error`, Cloudflare's, an AWS ALB's
 *   `awselb`, Traefik's plain `Bad Gateway`) of a product whose pages the target's own
 *   authentication answers (the 401s and 403s of passing cases) do not carry — nginx judged as the
 *   target with `auth_basic` answers its own 401 pages, and is then no front;
 * - or it has a `Via` header the target's own 2xx answers do not have;
 * - or its `Server` header differs from the one the target's own 2xx answers carry.
 *
 * A 2xx is never the front's alone: a front that lets a request in is part of what was judged.
 * Such a failure is marked as let in through the front when a front was seen answering in the run.
 */
import type { CaseResult, FrontRecord } from './results.js';
import { is2xx } from './status.js';

/** Error pages of proxies and ingresses, by product; each a pattern a target's own page would not match by chance. */
const FRONT_PAGES: readonly (readonly [name: string, page: RegExp])[] = [
  ['cloudflare', /<center>cloudflare(-nginx)?<\/center>|cloudflare ray id/i],
  ['AWS ALB', /<center>awselb(\/[\d.]+)?<\/center>/i],
  ['nginx', /<center>nginx(\/[\d.]+)?<\/center>/i],
  ['Apache', /<address>Apache(\/[\d.]+)?[^<]* Server at /i],
  ['HAProxy', /<h1>\d{3} [^<]*<\/h1>\s*(Your browser sent an invalid request|No server is available to handle this request|The server didn't respond in time|An internal error occurred)/i],
  ['Envoy', /upstream connect error or disconnect\/reset before headers|^no healthy upstream$/i],
  ['Traefik', /^(Bad Gateway|Gateway Timeout|Service Unavailable|404 page not found)\s*$/],
];

interface Answer {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

function answerOf(result: CaseResult): Answer | undefined {
  const actual = result.actual;
  if (!actual || !('status' in actual)) return undefined;
  return { status: actual.status, headers: actual.headers ?? [], body: actual.bodyExcerpt ?? '' };
}

function header(answer: Answer, name: string): string | undefined {
  return answer.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function pageOf(answer: Answer): string | undefined {
  return FRONT_PAGES.find(([, page]) => page.test(answer.body.trim()))?.[0];
}

/** `nginx` of `nginx/1.22.1`, `CloudFront` of `1.1 abc.cloudfront.net (CloudFront)`. */
function productOf(value: string): string {
  const comment = /\(([^)]+)\)\s*$/.exec(value)?.[1];
  if (comment) return comment.split('/')[0] ?? comment;
  const words = value.trim().split(/\s+/);
  const token = (/^\d|^HTTP\//i.test(words[0] ?? '') ? words[1] : words[0]) ?? value;
  return token.split('/')[0] ?? token;
}

/** What the target's own answers look like: the Server of its 2xx answers, whether they carry Via, the pages of its own rejections. */
interface TargetLook {
  readonly servers: ReadonlySet<string>;
  readonly via: boolean;
  readonly pages: ReadonlySet<string>;
}

function targetLook(results: readonly CaseResult[]): TargetLook {
  const answers = results.map(answerOf).filter((a): a is Answer => a !== undefined);
  const ok = answers.filter((a) => is2xx(a.status));
  const own = results.filter((r) => r.outcome === 'pass').map(answerOf).filter((a): a is Answer => a !== undefined && (a.status === 401 || a.status === 403));
  return {
    servers: new Set(ok.map((a) => header(a, 'server')).filter((s): s is string => s !== undefined)),
    via: ok.some((a) => header(a, 'via') !== undefined),
    pages: new Set(own.map(pageOf).filter((p): p is string => p !== undefined)),
  };
}

/** The front that answered, with the evidence; undefined when nothing says the target did not. */
function frontAnswer(answer: Answer, look: TargetLook): { name: string; evidence: string } | undefined {
  if (is2xx(answer.status)) return undefined;
  const page = pageOf(answer);
  if (page && !look.pages.has(page)) return { name: page, evidence: `${page}'s own error page` };
  const via = header(answer, 'via');
  if (via && !look.via) return { name: productOf(via), evidence: `Via: ${via}` };
  const server = header(answer, 'server');
  if (server && look.servers.size > 0 && !look.servers.has(server)) {
    return { name: productOf(server), evidence: `Server: ${server}, where the target's own answers say ${[...look.servers].join(', ')}` };
  }
  return undefined;
}

/**
 * The results with `front` on each failed or inconclusive case whose answer a front gave (or, for
 * a 2xx, let through), and the summary's count apart: see results.ts `summarise`.
 */
export function nameFronts(results: readonly CaseResult[]): CaseResult[] {
  const look = targetLook(results);
  const problem = (r: CaseResult): boolean => r.outcome === 'fail' || r.outcome === 'inconclusive';
  const answered = new Map<string, FrontRecord>();
  for (const result of results.filter(problem)) {
    const answer = answerOf(result);
    const front = answer && frontAnswer(answer, look);
    if (front) answered.set(result.id, { ...front, answered: true });
  }
  // The front seen answering most often: the one a 2xx passed through.
  const counts = new Map<string, number>();
  for (const front of answered.values()) counts.set(front.name, (counts.get(front.name) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return results.map((result) => {
    const front = answered.get(result.id);
    if (front) return { ...result, front };
    const answer = answerOf(result);
    if (main && problem(result) && answer && is2xx(answer.status)) {
      return { ...result, front: { name: main, evidence: `${main} answered other requests of this run`, answered: false } };
    }
    return result;
  });
}
