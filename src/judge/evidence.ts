/**
 * "Let in" judged on evidence (`letInOnEvidence`, auth-requirements.md "How a level is chosen"):
 * a request that does not name the protected resource canonically and got a 2xx reached it only
 * when the answer shows it — the operation's content or listing in the body (`reached`, else
 * `disclosed`, in operations.ts) or, for a write, an after-snapshot that differs from the
 * before-snapshot. Any other 2xx showed another resource (a root listing, a health page): the
 * server read the spelling differently, which is no bypass. Node's evaluation and the collection's
 * rendering, which `rejected` (checks.ts) uses.
 */
import type { RequestCase } from '../cases/model.js';
import type { Operation } from '../cases/operations.js';
import type { RecordedResponse } from './exchange.js';
import { responseOf } from './exchange.js';
import type { JudgeInput } from './check-definition.js';
import { functionLines } from './script-function.js';
import { js } from './script-literal.js';
import { snapshotDifference, snapshotOf } from './snapshot.js';
import { describeStep, firstUndone } from './steps.js';

/** What a 2xx body must show to have reached the operation's resource; absent: nothing a body shows (a write, HEAD). */
export function reachedBy(operation: Operation): Operation['reached'] {
  if (operation.reached) return operation.reached;
  return operation.disclosed ? { what: operation.disclosed.what, anyOf: [[operation.disclosed.template]] } : undefined;
}

/** Whether the case sends the valid credential of the identity without permission (`denied*` variables). */
function carriesDeniedIdentity(testCase: RequestCase): boolean {
  return (testCase.requires ?? []).some((name) => name.startsWith('denied'));
}

/** The texts one of which a body must hold, as the case's credential has it (see `Operation.reached`). */
function evidenceTexts(testCase: RequestCase, reached: NonNullable<Operation['reached']>): readonly (readonly string[])[] {
  return carriesDeniedIdentity(testCase) ? (reached.withCredential ?? reached.anyOf) : reached.anyOf;
}

export type LetInEvidence =
  /** The request reached what it must not: `shown` says how (`with the container's name or entries in its body`). */
  | { readonly kind: 'reached'; readonly shown: string }
  /** Nothing of the resource: `showed` is what the body was (`an XML body <ListAllMyBucketsResult>`). */
  | { readonly kind: 'elsewhere'; readonly showed: string }
  /** A write whose state could not be read back: whether it happened is unknown. */
  | { readonly kind: 'unknown'; readonly why: string };

/**
 * What a body is, in words that quote no value: its kind, its root element or first member names
 * (only names fit to quote: XML element or JSON member names, never a value), its `size` in bytes.
 * It refers to nothing outside its parameters: the scripts run its source.
 */
export function bodyDescription(text: string, size: number): string {
  if (text.trim() === '') return 'an empty body';
  const quotable = /^[A-Za-z_][\w.:-]{0,63}$/;
  const root = /^\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([^\s/>!?]+)/i.exec(text)?.[1];
  if (root && /^html$/i.test(root)) return 'an HTML page';
  if (root) return quotable.test(root) ? `an XML body <${root}>` : 'an XML body';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `a body of ${size} bytes`;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const names = Object.keys(value).filter((k) => quotable.test(k)).slice(0, 4);
    return names.length > 0 ? `a JSON object with ${names.join(', ')}` : 'a JSON object';
  }
  return 'a JSON body';
}

/** A response to HEAD has no body (RFC 9110 §9.3.2). */
export function describeBody(response: RecordedResponse, head: boolean): string {
  return head ? 'an empty body' : bodyDescription(response.body.toString('utf8'), response.body.length);
}

/** The evidence a 2xx to a `letInOnEvidence` case shows. */
export function letInEvidence({ testCase, operation, plan, exchange, context }: JudgeInput, head: boolean): LetInEvidence {
  const response = responseOf(exchange.answer)!;
  const reached = head ? undefined : reachedBy(operation);
  if (reached) {
    const bodies = [response.body.toString('utf8'), response.body.toString('latin1')];
    const shown = evidenceTexts(testCase, reached).some((texts) => texts.every((template) => bodies.some((body) => body.includes(context.resolve(template)))));
    if (shown) return { kind: 'reached', shown: `with ${reached.what} in its body` };
  }
  const proof = plan.proof;
  if (proof && plan.readsAfterLetIn) {
    const undone = firstUndone(exchange.preparation) ?? firstUndone(exchange.before) ?? firstUndone(exchange.after);
    if (undone) return { kind: 'unknown', why: `let in with ${response.status}, and whether it changed ${proof.what} is unknown: ${describeStep(undone)}` };
    const before = responseOf(exchange.before.at(-1)?.answer);
    const after = responseOf(exchange.after.at(-1)?.answer);
    const difference = before && after ? snapshotDifference(snapshotOf(before), snapshotOf(after), proof.compare) : undefined;
    if (difference === undefined) return { kind: 'unknown', why: `let in with ${response.status}, and whether it changed ${proof.what} is unknown: a read-back has no usable answer` };
    if (difference !== '') return { kind: 'reached', shown: `and ${proof.what} changed (${difference})` };
  }
  return { kind: 'elsewhere', showed: describeBody(response, head) };
}

/**
 * The sandbox's `letInEvidence()`: `{ kind, shown | showed | why }` as above, for the answer in
 * `pm.response` (a 2xx), with `before`/`after` and the helpers `snapshotDifference` and
 * `describeStep` in scope when the case reads a write back.
 */
export function letInEvidenceScriptLines(testCase: RequestCase, operation: Operation, head: boolean, what: string | undefined): string[] {
  const reached = head ? undefined : reachedBy(operation);
  return [
    // A response to HEAD has no body (RFC 9110 §9.3.2).
    ...(head
      ? ["const describeBody = () => 'an empty body';"]
      : [...functionLines(bodyDescription), 'const describeBody = () => bodyDescription(pm.response.text(), pm.response.responseSize ?? pm.response.text().length);']),
    'const letInEvidence = () => {',
    ...(reached
      ? [
          '  const body = pm.response.text();',
          `  if (${js(evidenceTexts(testCase, reached))}.some((texts) => texts.every((t) => body.includes(pm.variables.replaceIn(t))))) return { kind: 'reached', shown: ${js(`with ${reached.what} in its body`)} };`,
        ]
      : []),
    ...(what
      ? [
          '  const undoneStep = prepared.find((s) => !s.done) || before.find((s) => !s.done) || after.find((s) => !s.done);',
          `  if (undoneStep) return { kind: 'unknown', why: 'let in with ' + code + ${js(`, and whether it changed ${what} is unknown: `)} + describeStep(undoneStep) };`,
          '  const difference = before.length > 0 && after.length > 0 ? snapshotDifference(snapshotOf(before[before.length - 1]), snapshotOf(after[after.length - 1]), comparison) : undefined;',
          `  if (difference === undefined) return { kind: 'unknown', why: 'let in with ' + code + ${js(`, and whether it changed ${what} is unknown: a read-back has no usable answer`)} };`,
          `  if (difference !== '') return { kind: 'reached', shown: ${js(`and ${what} changed (`)} + difference + ')' };`,
        ]
      : []),
    "  return { kind: 'elsewhere', showed: describeBody() };",
    '};',
  ];
}
