/**
 * Case builders: a case module states its fixed fields once (kind, form, profiles, the requirement
 * groups it checks), and each case only what is its own — id, family, title, requirement (a name in
 * those groups), request and expectation. Level and sources are the requirement's unless the case
 * says otherwise: a case checking a weaker part of its requirement states its level, a case citing
 * other sources states them.
 */
import type { Derivation, EnvironmentVariable, Expectation, Form, HttpCase, Level, OptionalVariable, ProfileId, RequestSpec, Source } from './model.js';
import { requirementsOf, type RequirementGroup, type RequirementName } from './requirements.js';

/** What every case of a module shares. */
export interface CaseModule<G extends RequirementGroup> {
  readonly form: Form;
  readonly profiles: readonly ProfileId[];
  /** The requirement groups its cases name requirements of; a name two groups share is the later group's. */
  readonly requirements: readonly G[];
}

/** What an HTTP case states; the rest comes from its module and its requirement. */
export interface HttpCaseSpec<N extends string> {
  readonly id: string;
  readonly family: string;
  readonly title: string;
  /** The name of its requirement in its module's groups. */
  readonly requirement: N;
  readonly request: RequestSpec;
  readonly derive?: readonly Derivation[];
  readonly requires?: readonly OptionalVariable[];
  readonly distinct?: readonly (readonly [EnvironmentVariable, EnvironmentVariable])[];
  readonly expect: Expectation;
  /** Only where the case checks a weaker part of its requirement. */
  readonly level?: Level;
  /** Only where the case cites other sources than its requirement. */
  readonly sources?: readonly Source[];
  /** Only where the case is in other profiles than its module's. */
  readonly profiles?: readonly ProfileId[];
}

const RANK: Readonly<Record<Level, number>> = { must: 0, should: 1, may: 2 };
const sameSources = (a: readonly Source[], b: readonly Source[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * The builder of a module's HTTP cases. It throws, when the module is loaded, on a case that
 * restates its requirement's level or sources, or claims a stronger level than its requirement's:
 * what a case states of its own must be its own.
 */
export function httpCaseBuilder<G extends RequirementGroup>(module: CaseModule<G>): (spec: HttpCaseSpec<RequirementName<G>>) => HttpCase {
  const table = requirementsOf(...module.requirements);
  return (spec) => {
    const requirement = table[spec.requirement];
    if (spec.level !== undefined && RANK[spec.level] <= RANK[requirement.level]) {
      throw new Error(`case ${spec.id}: level ${spec.level} is not weaker than its requirement's (${requirement.level}); leave it out`);
    }
    if (spec.sources && sameSources(spec.sources, requirement.sources)) throw new Error(`case ${spec.id}: states its requirement's sources; leave them out`);
    return {
      kind: 'http',
      id: spec.id,
      form: module.form,
      profiles: spec.profiles ?? module.profiles,
      family: spec.family,
      title: spec.title,
      requirement: requirement.sentence,
      level: spec.level ?? requirement.level,
      sources: spec.sources ?? requirement.sources,
      request: spec.request,
      ...(spec.derive ? { derive: spec.derive } : {}),
      ...(spec.requires ? { requires: spec.requires } : {}),
      ...(spec.distinct ? { distinct: spec.distinct } : {}),
      expect: spec.expect,
    };
  };
}
