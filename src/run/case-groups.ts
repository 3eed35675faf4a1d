/**
 * Which cases may run in parallel. A case on an operation with `prepare` or `unchanged` steps
 * changes what it touches (the scratch object, the scratch item, a stream) or relies on it; two
 * such cases that touch the same fixture variable must run in the order of a sequential run. The
 * fixtures a case touches are the collection variables named in its operation's requests and
 * steps. Cases on operations without steps only read what the setup made: each is a group alone.
 */
import type { ConformanceCase } from '../cases/model.js';
import type { Operation, StepRequest } from '../cases/operations.js';

/** Variables that name something a case may change or rely on. */
const FIXTURE_VARIABLES = ['scratchObject', 'table', 'stream', 'scratchStream', 'streamLocation', 'fixtureObject'] as const;

function touched(requests: readonly StepRequest[]): Set<string> {
  const names = new Set<string>();
  for (const request of requests) {
    const text = `${request.path} ${request.body ?? ''}`;
    for (const name of FIXTURE_VARIABLES) if (text.includes(`{{${name}}}`)) names.add(name);
  }
  return names;
}

/** The fixtures a case's operation changes or relies on; empty for an operation without steps. */
export function fixturesOf(operation: Operation): Set<string> {
  const steps = [...(operation.prepare ?? []), ...(operation.unchanged?.arrange ?? []), ...(operation.unchanged?.read ?? [])];
  if (steps.length === 0) return new Set();
  return touched([operation, ...steps]);
}

/**
 * The cases as ordered groups: cases whose fixtures overlap (directly or through others) share a
 * group, in their order; a group's position is that of its first case.
 */
export function orderedGroups<T extends ConformanceCase>(cases: readonly T[], operationOf: (testCase: T) => Operation): T[][] {
  const groups: T[][] = [];
  const groupOfFixture = new Map<string, T[]>();
  const order = new Map(cases.map((c, i) => [c, i]));
  // Many cases share an operation: its fixtures are found once.
  const fixturesByOperation = new Map<Operation, string[]>();
  for (const testCase of cases) {
    const operation = operationOf(testCase);
    let fixtures = fixturesByOperation.get(operation);
    if (!fixtures) {
      fixtures = [...fixturesOf(operation)];
      fixturesByOperation.set(operation, fixtures);
    }
    const joined = [...new Set(fixtures.map((f) => groupOfFixture.get(f)).filter((g): g is T[] => g !== undefined))];
    let group: T[];
    if (joined.length === 0) {
      group = [];
      groups.push(group);
    } else {
      // Merge every group this case links, keeping the order of the cases in the run.
      group = joined[0]!;
      for (const other of joined.slice(1)) {
        group.push(...other);
        groups.splice(groups.indexOf(other), 1);
      }
      if (joined.length > 1) group.sort((a, b) => order.get(a)! - order.get(b)!);
      for (const [fixture, g] of groupOfFixture) if (joined.includes(g)) groupOfFixture.set(fixture, group);
    }
    group.push(testCase);
    for (const fixture of fixtures) groupOfFixture.set(fixture, group);
  }
  return groups;
}
