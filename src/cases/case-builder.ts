/**
 * Case builders: a case module states its fixed fields once (kind, form, profiles, the requirement
 * groups it checks), and each case only what is its own — id, family, title, requirement (a name in
 * those groups), request and expectation. Level and sources are the requirement's unless the case
 * says otherwise: a case checking a weaker part of its requirement states its level, a case citing
 * other sources states them.
 */
import { FORM_TABLE, type Derivation, type EnvironmentVariable, type Expectation, type Form, type HttpCase, type Level, type OperationId, type OptionalVariable, type ProfileId, type RequestSpec, type Source, type TransportCase, type TransportExpectation, type TransportProbe, type TransportProtocol, type WireCase, type WirePart } from './model.js';
import { requirementsOf, type Requirement, type RequirementGroup, type RequirementName } from './requirements.js';

/** What every case of a module shares. */
export interface CaseModule<G extends RequirementGroup> {
  readonly form: Form;
  readonly profiles: readonly ProfileId[];
  /** The requirement groups its cases name requirements of; a name two groups share is the later group's. */
  readonly requirements: readonly G[];
}

/** What every case states, whatever its kind; the rest comes from its module and its requirement. */
interface CaseSpec<N extends string> {
  readonly family: string;
  readonly title: string;
  /** The name of its requirement in its module's groups. */
  readonly requirement: N;
  /** Only where the case checks a weaker part of its requirement. */
  readonly level?: Level;
  /** Only where the case cites other sources than its requirement. */
  readonly sources?: readonly Source[];
  /** Only where the case is in other profiles than its module's. */
  readonly profiles?: readonly ProfileId[];
}

/** What an HTTP case states. */
export interface HttpCaseSpec<N extends string> extends CaseSpec<N> {
  readonly id: string;
  readonly request: RequestSpec;
  readonly derive?: readonly Derivation[];
  readonly requires?: readonly OptionalVariable[];
  readonly distinct?: readonly (readonly [EnvironmentVariable, EnvironmentVariable])[];
  readonly expect: Expectation;
}

const RANK: Readonly<Record<Level, number>> = { must: 0, should: 1, may: 2 };
const sameSources = (a: readonly Source[], b: readonly Source[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * A case's requirement sentence, level and sources: the requirement's, but for a level or sources
 * the case states. Throws, when the module is loaded, on a case that restates its requirement's
 * level or sources, or claims a stronger level than its requirement's: what a case states of its
 * own must be its own.
 */
function checked(id: string, requirement: Requirement, stated: { readonly level?: Level; readonly sources?: readonly Source[] }) {
  if (stated.level !== undefined && RANK[stated.level] <= RANK[requirement.level]) {
    throw new Error(`case ${id}: level ${stated.level} is not weaker than its requirement's (${requirement.level}); leave it out`);
  }
  if (stated.sources && sameSources(stated.sources, requirement.sources)) throw new Error(`case ${id}: states its requirement's sources; leave them out`);
  return { requirement: requirement.sentence, level: stated.level ?? requirement.level, sources: stated.sources ?? requirement.sources };
}

/** What every request case has, from its module, its requirement and what it states, in the order cases list them. */
function common<G extends RequirementGroup>(module: CaseModule<G>, table: { readonly [K in RequirementName<G>]: Requirement }, id: string, spec: CaseSpec<RequirementName<G>>) {
  return {
    id,
    form: module.form,
    profiles: spec.profiles ?? module.profiles,
    family: spec.family,
    title: spec.title,
    ...checked(id, table[spec.requirement], spec),
  };
}

/** The builder of a module's HTTP cases. */
export function httpCaseBuilder<G extends RequirementGroup>(module: CaseModule<G>): (spec: HttpCaseSpec<RequirementName<G>>) => HttpCase {
  const table = requirementsOf(...module.requirements);
  return (spec) => ({
    kind: 'http',
    ...common(module, table, spec.id, spec),
    request: spec.request,
    ...(spec.derive ? { derive: spec.derive } : {}),
    ...(spec.requires ? { requires: spec.requires } : {}),
    ...(spec.distinct ? { distinct: spec.distinct } : {}),
    expect: spec.expect,
  });
}

/** The operation of every wire case's judged request: the listing, which needs no fixture (wire cases run after newman's teardown). */
export const WIRE_OPERATION: OperationId = 'list-container';

/** What a wire case states. */
export interface WireCaseSpec<N extends string> extends CaseSpec<N> {
  /** The id after the form's wire prefix (`<form prefix>wire-`). */
  readonly name: string;
  /** The whole message, usually `framed(...)` of wire.ts. */
  readonly parts: readonly WirePart[];
  /** What the judged request is, when not the listing (a write sent without credentials). */
  readonly operation?: OperationId;
  readonly derive?: readonly Derivation[];
  readonly requires?: readonly OptionalVariable[];
  readonly expect: Expectation;
  readonly validCredential: boolean;
  readonly repairAccepted?: true;
  readonly statusRequired?: true;
}

/** The builder of a module's wire cases, `<form prefix>wire-<name>`. */
export function wireCaseBuilder<G extends RequirementGroup>(module: CaseModule<G>): (spec: WireCaseSpec<RequirementName<G>>) => WireCase {
  const table = requirementsOf(...module.requirements);
  return (spec) => ({
    kind: 'wire',
    ...common(module, table, `${FORM_TABLE[module.form].idPrefix}wire-${spec.name}`, spec),
    operation: spec.operation ?? WIRE_OPERATION,
    ...(spec.derive ? { derive: spec.derive } : {}),
    ...(spec.requires ? { requires: spec.requires } : {}),
    expect: spec.expect,
    wire: {
      parts: spec.parts,
      validCredential: spec.validCredential,
      ...(spec.repairAccepted ? { repairAccepted: true } : {}),
      ...(spec.statusRequired ? { statusRequired: true } : {}),
    },
  });
}

/** What a transport case states. */
export interface TransportCaseSpec<N extends string> extends CaseSpec<N> {
  readonly id: string;
  readonly probe: TransportProbe;
  readonly protocol: TransportProtocol;
  readonly expect: TransportExpectation;
}

/** The builder of a module's transport cases. */
export function transportCaseBuilder<G extends RequirementGroup>(module: CaseModule<G>): (spec: TransportCaseSpec<RequirementName<G>>) => TransportCase {
  const table = requirementsOf(...module.requirements);
  return (spec) => {
    const { requirement, level, sources } = checked(spec.id, table[spec.requirement], spec);
    return {
      kind: 'transport',
      form: module.form,
      profiles: spec.profiles ?? module.profiles,
      family: spec.family,
      id: spec.id,
      title: spec.title,
      requirement,
      level,
      sources,
      probe: spec.probe,
      protocol: spec.protocol,
      expect: spec.expect,
    };
  };
}

/**
 * A builder for a run of cases that share some fields (a family, a requirement, an expectation):
 * each case of the run states only the rest.
 */
export function sharing<N extends string, S extends Partial<HttpCaseSpec<N>>>(
  build: (spec: HttpCaseSpec<N>) => HttpCase,
  shared: S,
): (spec: Omit<HttpCaseSpec<N>, keyof S>) => HttpCase {
  return (spec) => build({ ...shared, ...spec } as HttpCaseSpec<N>);
}
