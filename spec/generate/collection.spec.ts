/**
 * The collection's structure: valid Postman v2.1.0, reproducible, the contract the runner reads
 * (folder and item ids, test names), and what must never be in it (literal secrets).
 * @see https://schema.getpostman.com/json/collection/v2.1.0/collection.json
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { expect } from 'chai';
import AjvModule from 'ajv';
import { isHttpCase } from '../../src/cases/case-request.js';
import { FORMS, FORM_TITLES, type ConformanceCase, type HttpCase } from '../../src/cases/model.js';
import { COLLECTION_VARIABLES, FIXTURES, request } from '../../src/cases/operations.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { RESPONSE_SCHEMAS } from '../../src/schemas/index.js';
import { buildCollection, COLLECTION_NAME } from '../../src/generate/collection.js';
import { BASIC_REALM } from '../../src/generate/checks.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { casesOf, PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import sdk from 'postman-collection';
import { SAMPLE_CASES } from './sample-cases.js';

interface Script { id: string; exec: string[] }
interface Event { id: string; listen: string; script: Script }
interface Header { key: string; value: string }
interface Item {
  id: string;
  name: string;
  request?: { method: string; header?: Header[]; url: unknown; body?: { mode: string; raw: string } };
  item?: Item[];
  event?: Event[];
}
interface Collection {
  info: { _postman_id: string; name: string; description: { content: string } };
  auth: { type: string };
  variable: { key: string; value: string }[];
  event: Event[];
  item: Item[];
}

const schemaPath = new URL('../../../spec/fixtures/postman-collection-v2.1.0.schema.json', import.meta.url);
const ajv = new AjvModule.default({ strict: false, allErrors: true });
const validatePostman = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

function build(cases: readonly ConformanceCase[]): Collection {
  return buildCollection(cases) as Collection;
}

function allEvents(collection: Collection): Event[] {
  const fromItems = (items: Item[]): Event[] => items.flatMap((i) => [...(i.event ?? []), ...fromItems(i.item ?? [])]);
  return [...collection.event, ...fromItems(collection.item)];
}

function requestItems(collection: Collection): Item[] {
  return collection.item.flatMap((folder) => folder.item ?? []);
}

function testNames(code: string): string[] {
  return [...code.matchAll(/pm\.test\(("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
}

/** Checks that hold for the collection of any catalogue. */
function describeCollectionOf(label: string, getCases: () => readonly HttpCase[]): void {
  describe(`the collection of ${label}`, () => {
    let cases: readonly HttpCase[];
    let collection: Collection;
    before(() => {
      cases = getCases();
      collection = build(cases);
    });

    it('validates against the Postman Collection v2.1.0 schema', () => {
      const valid = validatePostman(collection);
      expect(validatePostman.errors ?? [], JSON.stringify(validatePostman.errors?.slice(0, 3))).to.deep.equal([]);
      expect(valid).to.equal(true);
    });

    it('is byte-for-byte the same on every build', () => {
      expect(JSON.stringify(build(cases))).to.equal(JSON.stringify(collection));
    });

    it('has Setup, one folder per form in order, then Teardown', () => {
      expect(collection.item.map((f) => [f.id, f.name])).to.deep.equal([
        ['setup', 'Setup'],
        ...FORMS.map((form) => [form, FORM_TITLES[form]]),
        ['teardown', 'Teardown'],
      ]);
      expect(collection.item[0]!.item!.map((i) => i.id)).to.deep.equal(FIXTURES.setup.map((s) => s.id));
      expect(collection.item.at(-1)!.item!.map((i) => i.id)).to.deep.equal(FIXTURES.teardown.map((s) => s.id));
    });

    it('gives each case an item whose id is the case id, in catalogue order within its form', () => {
      for (const form of FORMS) {
        const folder = collection.item.find((f) => f.id === form)!;
        const expected = cases.filter((c) => c.form === form);
        expect(folder.item!.map((i) => i.id)).to.deep.equal(expected.map((c) => c.id));
        expect(folder.item!.map((i) => i.name)).to.deep.equal(expected.map((c) => `[${c.level.toUpperCase()}] ${c.title}`));
      }
    });

    it('sends each case\'s header lines exactly as listed', () => {
      const items = new Map(requestItems(collection).map((i) => [i.id, i]));
      for (const c of cases) {
        const item = items.get(c.id)!;
        expect(item.request!.method, c.id).to.equal(c.request.method.toUpperCase());
        expect((item.request!.header ?? []).map((h) => [h.key, h.value]), c.id).to.deep.equal(c.request.headers.map(([n, v]) => [n, v]));
        expect(item.request!.body?.raw, c.id).to.equal(c.request.body);
      }
    });

    it('compiles every script, and every script and event has a fixed id', () => {
      const ids = new Set<string>();
      for (const event of allEvents(collection)) {
        const code = event.script.exec.join('\n');
        expect(() => new vm.Script(`(function () {\n${code}\n})`), event.id).to.not.throw();
        for (const id of [event.id, event.script.id]) {
          expect(id, event.id).to.be.a('string').and.not.match(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
          expect(ids.has(id), id).to.equal(false);
          ids.add(id);
        }
      }
    });

    it('names every check with its level', () => {
      const names = allEvents(collection).flatMap((e) => testNames(e.script.exec.join('\n')));
      expect(names).to.not.be.empty;
      for (const name of names) expect(name).to.match(/^\[(MUST|SHOULD|MAY)\] /);
    });

    it('contains no literal secret of the reference identities', () => {
      const text = JSON.stringify(collection);
      for (const identity of Object.values(REFERENCE_IDENTITIES)) {
        for (const secret of [identity.accessKey, identity.password, Buffer.from(`${identity.username}:${identity.password}`).toString('base64')]) {
          expect(text.includes(secret), `${identity.name}'s secret`).to.equal(false);
        }
      }
    });
  });
}

describe('buildCollection', () => {
  describeCollectionOf('the sample cases', () => SAMPLE_CASES);

  // Wire cases are sent over a raw socket by the runner, never through Postman; transport cases are measured by the runner.
  describeCollectionOf('the catalogue', () => CATALOGUE.filter(isHttpCase));

  it('leaves the wire and transport cases out of the collection', () => {
    const otherIds = CATALOGUE.filter((c) => !isHttpCase(c)).map((c) => c.id);
    expect(new Set(CATALOGUE.filter((c) => !isHttpCase(c)).map((c) => c.kind))).to.deep.equal(new Set(['wire', 'transport']));
    const all = build(CATALOGUE);
    expect(JSON.stringify(all)).to.equal(JSON.stringify(build(CATALOGUE.filter(isHttpCase))));
    const ids = new Set(requestItems(all).map((i) => i.id));
    expect(otherIds.filter((id) => ids.has(id))).to.deep.equal([]);
  });

  describe('details', () => {
    const collection = build(SAMPLE_CASES);

    it('is named, described, has a fixed id and no Postman auth', () => {
      expect(collection.info.name).to.equal(COLLECTION_NAME);
      expect(collection.info._postman_id).to.match(/^[0-9a-f-]{36}$/);
      expect(collection.info.description.content).to.include('baseUrl').and.include('deniedAccessKey');
      expect(collection.auth).to.deep.include({ type: 'noauth' });
      expect(JSON.stringify(collection)).to.not.match(/"auth":\{"type":"(?!noauth)/);
    });

    it('defines the fixture variables and each response schema as JSON text', () => {
      const variables = new Map(collection.variable.map((v) => [v.key, v.value]));
      for (const [key, value] of Object.entries(COLLECTION_VARIABLES)) expect(variables.get(key)).to.equal(value);
      for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) expect(JSON.parse(variables.get(`schema.${id}`)!)).to.deep.equal(schema);
    });

    it('keeps the echo check in the collection\'s test script only', () => {
      expect(collection.event.map((e) => e.listen)).to.deep.equal(['test']);
      expect(testNames(collection.event[0]!.script.exec.join('\n'))).to.deep.equal(['[MUST] the response echoes no credential']);
      const perItem = requestItems(collection).flatMap((i) => (i.event ?? []).flatMap((e) => testNames(e.script.exec.join('\n'))));
      expect(perItem).to.not.include('[MUST] the response echoes no credential');
    });

    it('keeps two header lines of the same name as two entries', () => {
      const item = requestItems(collection).find((i) => i.id === 'sample-duplicate-key')!;
      expect(item.request!.header).to.deep.equal([
        { key: 'X-v3io-session-key', value: '{{accessKey}}' },
        { key: 'X-v3io-session-key', value: 'another-key-1234' },
      ]);
    });

    it('writes a NUL in a derivation template as a JavaScript escape', () => {
      const item = requestItems(collection).find((i) => i.id === 'sample-transforms')!;
      const code = item.event!.find((e) => e.listen === 'prerequest')!.script.exec.join('\n');
      expect(code).to.include('\\u0000junk').and.not.include('\u0000');
    });

    it('skips before anything else when a required variable is missing', () => {
      const item = requestItems(collection).find((i) => i.id === 'sample-utf8')!;
      const exec = item.event!.find((e) => e.listen === 'prerequest')!.script.exec;
      expect(exec.slice(2, 4)).to.deep.equal(['  if (!pm.variables.get("utf8Username")) {', '    console.info("v3io-auth-conformance: sample-utf8 skipped: the environment has no utf8Username");']);
    });

    it('gives no pre-request script to a case that needs none', () => {
      const item = requestItems(collection).find((i) => i.id === 'sample-unknown-key')!;
      expect(item.event!.map((e) => e.listen)).to.deep.equal(['test']);
    });

    it('refuses header names that differ only in letter case (newman would send one line)', () => {
      const bad: HttpCase = {
        ...SAMPLE_CASES[0]!,
        id: 'sample-mixed-case-duplicate',
        request: request('get-object', [
          ['Authorization', 'Basic a'],
          ['authorization', 'Basic b'],
        ]),
      };
      expect(() => buildCollection([bad])).to.throw(/sample-mixed-case-duplicate: header lines "Authorization" and "authorization" differ only in letter case/);
    });

    it('refuses a derived variable named like an environment or collection variable', () => {
      const bad: HttpCase = { ...SAMPLE_CASES[0]!, derive: [{ name: 'accessKey', from: 'x', apply: [] }] };
      expect(() => buildCollection([bad])).to.throw(/sample-unknown-key: derived variable "accessKey" would replace/);
    });

    it('refuses a case id used twice', () => {
      expect(() => buildCollection([SAMPLE_CASES[0]!, SAMPLE_CASES[0]!])).to.throw(/used twice/);
    });
  });

  describe('the Basic realm pattern', () => {
    const table: readonly (readonly [challenge: string, offersBasicRealm: boolean])[] = [
      ['Basic realm="v3io"', true],
      ['basic REALM = "x"', true],
      ['Basic charset="UTF-8", realm="x"', true],
      ['Bearer realm="api", Basic realm="v3io"', true],
      ['Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"', true],
      ['Basic realm=v3io', false],
      ['Basic', false],
      ['Bearer realm="api"', false],
      ['NotBasic realm="x"', false],
    ];
    for (const [challenge, offers] of table) {
      it(`${offers ? 'finds' : 'does not find'} Basic with a quoted realm in ${challenge}`, () => {
        expect(BASIC_REALM.test(challenge)).to.equal(offers);
      });
    }
  });
});

describe('the basic profile collection', () => {
  const basic = PROFILE_DEFINITIONS.basic;
  let collection: Collection;
  before(() => {
    collection = buildCollection(CATALOGUE, basic) as Collection;
  });

  it('validates against the Postman Collection v2.1.0 schema and is reproducible', () => {
    expect(validatePostman(collection), JSON.stringify(validatePostman.errors?.slice(0, 3))).to.equal(true);
    expect(JSON.stringify(buildCollection(CATALOGUE, basic))).to.equal(JSON.stringify(collection));
  });

  it('has no fixture folders: only the Basic and cross-cutting folders', () => {
    expect(collection.item.map((f) => f.id)).to.deep.equal(['basic', 'cross-cutting']);
    expect(collection.info.name).to.equal('Basic authentication conformance (RFC 7617)');
    expect(collection.info._postman_id).to.not.equal((build(SAMPLE_CASES) as Collection).info._postman_id);
  });

  it("holds the profile's newman cases, each a GET or HEAD of {{baseUrl}}/{{protectedPath}}", () => {
    const items = requestItems(collection);
    const expected = casesOf(basic, CATALOGUE).filter(isHttpCase);
    expect(items.map((i) => i.id)).to.deep.equal(expected.map((c) => c.id));
    for (const item of items) {
      const url = new sdk.Url(item.request!.url as sdk.UrlDefinition).toString();
      expect(url, item.id).to.equal('{{baseUrl}}/{{protectedPath}}');
      expect(['GET', 'HEAD'], item.id).to.include(item.request!.method);
    }
  });

  it('defines only the protected path as a collection variable, and no response schema', () => {
    expect(collection.variable.map((v) => [v.key, v.value])).to.deep.equal([['protectedPath', '']]);
  });

  it('checks the challenge of a 401 but never judges a body against a V3IO schema', () => {
    const code = allEvents(collection).map((e) => e.script.exec.join('\n')).join('\n');
    expect(code).to.include(JSON.stringify('[MUST] the 401 carries a WWW-Authenticate challenge'));
    expect(code).to.not.include('checkSchema');
    expect(code).to.not.include('V3IO error');
    expect(JSON.stringify(collection)).to.not.match(/\{\{(accessKey|deniedAccessKey|container|fixtureObject|runPrefix)\}\}/);
  });

  it('contains no literal secret of the reference identities', () => {
    const text = JSON.stringify(collection);
    for (const identity of Object.values(REFERENCE_IDENTITIES)) {
      expect(text.includes(identity.password), `${identity.name}'s password`).to.equal(false);
      expect(text.includes(Buffer.from(`${identity.username}:${identity.password}`).toString('base64')), `${identity.name}'s token`).to.equal(false);
    }
  });
});
