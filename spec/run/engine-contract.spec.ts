/**
 * The engine contract: a case's record names each request of its plan by role. Only the
 * collection run as it is decodes the roles, from where newman saw its scripts send them; the
 * engines live side by side and import nothing of one another.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/cases/index.js';
import type { RequestCase } from '../../src/cases/model.js';
import { operationOf, PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { casePlan, type CasePlan } from '../../src/judge/plan.js';
import { packageRoot } from '../../src/package-info.js';
import { decodedRecord } from '../../src/run/collection/run-collection.js';
import type { ItemTrace, ScriptRequestRecord } from '../../src/run/newman-session.js';

const profile = PROFILE_DEFINITIONS.v3io;
const planOf = (testCase: RequestCase): CasePlan => casePlan(testCase, operationOf(profile, testCase));
const ok = (status: number) => ({ status, statusText: '', headers: [], body: Buffer.alloc(0) });

/** A case of the catalogue whose plan has what `wanted` asks for. */
function caseWith(wanted: (plan: CasePlan) => boolean): RequestCase {
  const found = CATALOGUE.find((c): c is RequestCase => c.kind === 'http' && c.profiles.includes('v3io') && wanted(planOf(c)));
  if (!found) throw new Error('no such case in the catalogue');
  return found;
}

function trace(testCase: RequestCase, status: number, scriptRequests: ScriptRequestRecord[]): ItemTrace {
  return { id: testCase.id, name: testCase.title, method: 'GET', path: '/x', response: ok(status), scriptRequests, assertions: [], exceptions: [] };
}

const sent = (phase: ScriptRequestRecord['phase'], method: string): ScriptRequestRecord => ({ phase, method, path: `/${method.toLowerCase()}`, response: ok(200) });

describe('the engine contract', () => {
  describe('a collection run as it is: newman phases decoded into the plan roles', () => {
    const rejection = caseWith((p) => p.preparation.length === 1 && p.beforeRead.length === 1 && p.afterRead.length === 1 && p.readsAfterLetIn !== true);
    const withSecond = caseWith((p) => p.second !== undefined && p.afterRead.length === 0);

    it('the pre-request script sends the preparation then the before-snapshot; the test script the after-snapshot when not accepted', () => {
      const plan = planOf(rejection);
      const record = decodedRecord(plan, trace(rejection, 401, [sent('prerequest', 'PUT'), sent('prerequest', 'GET'), sent('test', 'HEAD')]));
      expect(record.steps.map((s) => `${s.role} ${s.method}`)).to.deep.equal(['preparation PUT', 'before GET', 'after HEAD']);
    });

    it('an accepted request is not read back: a test script request beyond the plan gets no role', () => {
      const plan = planOf(rejection);
      const record = decodedRecord(plan, trace(rejection, 200, [sent('prerequest', 'PUT'), sent('prerequest', 'GET'), sent('test', 'HEAD')]));
      expect(record.steps.map((s) => `${s.role} ${s.method}`)).to.deep.equal(['preparation PUT', 'before GET']);
    });

    it('the second request of sameResponseAs is the one after the read-backs, sent only when answered', () => {
      const plan = planOf(withSecond);
      const answered = decodedRecord(plan, trace(withSecond, 401, [sent('test', 'GET')]));
      expect(answered.steps.map((s) => `${s.role} ${s.method}`)).to.deep.equal(['second GET']);
      const failed = decodedRecord(plan, { ...trace(withSecond, 401, [sent('test', 'GET')]), response: undefined, requestError: { code: 'ECONNRESET', message: 'reset' } });
      expect(failed.steps).to.deep.equal([]);
    });
  });

  it('the engines import nothing of one another: what they share is in case-order.ts, engine.ts and below', () => {
    const engines = ['native', 'newman', 'collection'];
    for (const engine of engines) {
      const folder = join(packageRoot(), 'src', 'run', engine);
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
        const imports = [...readFileSync(join(folder, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
        const others = imports.filter((path) => engines.some((other) => other !== engine && path.startsWith(`../${other}/`)));
        expect(others, `src/run/${engine}/${file}`).to.deep.equal([]);
      }
    }
  });
});
