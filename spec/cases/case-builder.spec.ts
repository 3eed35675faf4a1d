/**
 * The case builders: a case states its id, title, requirement (by name), request and expectation;
 * its level and sources are its requirement's unless it states its own, and a module refuses, at
 * load, a case that restates them or claims more than its requirement.
 */
import { expect } from 'chai';

import { httpCaseBuilder, sharing, transportCaseBuilder, wireCaseBuilder } from '../../src/cases/case-builder.js';
import { V3IO_ONLY, EVERY_PROFILE, type WirePart } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';
import { allRequirements, requirementsOf } from '../../src/cases/requirements.js';

const requirement = (id: string) => allRequirements().find((r) => r.id === id)!;
const httpCase = httpCaseBuilder({ form: 'session-key', profiles: V3IO_ONLY, requirements: ['session-key', 'opaque-keys'] });
const REQUEST = request('get-object', [['X-v3io-session-key', '{{accessKey}}']]);
const SAMPLE = { id: 'session-key-sample', family: 'sample', title: 'accepts a sample', request: REQUEST, expect: { outcome: 'accept' } } as const;
const PARTS: readonly WirePart[] = [{ kind: 'request-line', method: 'GET', target: '/' }, { kind: 'end' }];

describe('case builders', () => {
  it('give a case the sentence, level and sources of the requirement it names, and its module’s form and profiles', () => {
    const built = httpCase({ ...SAMPLE, requirement: 'valid' });
    const valid = requirement('session-key/valid');
    expect(built).to.deep.include({ kind: 'http', form: 'session-key', profiles: V3IO_ONLY, requirement: valid.sentence, level: valid.level, sources: valid.sources });
  });

  it('keep a weaker level, other sources and other profiles where a case states them', () => {
    const built = httpCase({ ...SAMPLE, requirement: 'valid', level: 'should', sources: ['RFC 9110 §5.1'], profiles: EVERY_PROFILE });
    expect(built).to.deep.include({ level: 'should', sources: ['RFC 9110 §5.1'], profiles: EVERY_PROFILE });
  });

  it('refuse a case that restates its requirement’s sources or level, or claims a stronger level', () => {
    const unknown = requirement('session-key/unknown');
    expect(() => httpCase({ ...SAMPLE, requirement: 'unknown', sources: [...unknown.sources] })).to.throw(/session-key-sample: states its requirement's sources/);
    expect(() => httpCase({ ...SAMPLE, requirement: 'unknown', level: 'must' })).to.throw(/level must is not weaker than its requirement's \(must\)/);
    expect(() => httpCase({ ...SAMPLE, requirement: 'exact', level: 'must' })).to.throw(/level must is not weaker than its requirement's \(should\)/);
  });

  it('read a name two groups share as the later group’s', () => {
    expect(requirementsOf('aws-sigv4', 'opaque-keys').mutated).to.equal(requirementsOf('opaque-keys').mutated);
    expect(requirementsOf('opaque-keys', 'aws-sigv4').mutated).to.equal(requirementsOf('aws-sigv4').mutated);
  });

  it('list only the optional fields a case has', () => {
    const bare = httpCase({ ...SAMPLE, requirement: 'valid' });
    expect(Object.keys(bare)).to.deep.equal(['kind', 'id', 'form', 'profiles', 'family', 'title', 'requirement', 'level', 'sources', 'request', 'expect']);
    const full = httpCase({ ...SAMPLE, requirement: 'valid', derive: [], requires: ['deniedAccessKey'], distinct: [['username', 'deniedUsername']] });
    expect(Object.keys(full)).to.include.members(['derive', 'requires', 'distinct']);
  });

  it('name a wire case <form prefix>wire-<name>, judged on the listing, with only the wire flags it sets', () => {
    const wireCase = wireCaseBuilder({ form: 'basic', profiles: EVERY_PROFILE, requirements: ['wire'] });
    const built = wireCase({ name: 'sample', family: 'sample', title: 'rejects a sample', requirement: 'size', parts: PARTS, expect: { outcome: 'reject' }, validCredential: false });
    const size = requirement('wire/size');
    expect(built).to.deep.include({ kind: 'wire', id: 'basic-wire-sample', operation: 'list-container', level: size.level, sources: size.sources });
    expect(built.wire).to.deep.equal({ parts: PARTS, validCredential: false });
    const repaired = wireCase({ name: 'sample', family: 'sample', title: 'rejects a sample', requirement: 'foldedCredential', parts: PARTS, expect: { outcome: 'malformed' }, validCredential: true, repairAccepted: true });
    expect(repaired.wire).to.deep.equal({ parts: PARTS, validCredential: true, repairAccepted: true });
  });

  it('give a transport case its requirement’s level and sources', () => {
    const transportCase = transportCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: ['transport'] });
    const built = transportCase({ id: 'http-sample', family: 'transport', title: 'sends a sample', requirement: 'stsOverHttps', probe: 'strict-transport-security', protocol: 'https', expect: { outcome: 'accept' } });
    expect(built).to.deep.include({ kind: 'transport', level: 'may', sources: requirement('transport/stsOverHttps').sources });
  });

  it('let a run of cases state their shared fields once, each case the rest', () => {
    const twoLines = sharing(httpCase, { family: 'duplicates', requirement: 'duplicate', expect: { outcome: 'malformed' } });
    const built = twoLines({ id: 'session-key-sample', title: 'rejects a sample', request: REQUEST });
    expect(built).to.deep.include({ family: 'duplicates', requirement: requirement('session-key/duplicate').sentence, level: 'should', expect: { outcome: 'malformed' } });
  });
});
