/**
 * Validates the case catalogue as data: ids, titles, sources, schema, variables, coverage.
 * @see ../../../shared/spec/auth-requirements.md
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';

import { CASE_SCHEMA } from '../../src/cases/case.schema.js';
import { caseMethod, caseOperation, caseTarget, isHttpCase, isRequestCase, isTransportCase, isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE, casesByForm, findCase } from '../../src/cases/index.js';
import {
  FORMS,
  LEVELS,
  OPERATION_IDS,
  OPTIONAL_VARIABLES,
  REQUIRED_VARIABLES,
  WIRE_VARIABLES,
  type ConformanceCase,
  type Derivation,
  type Form,
  type HttpCase,
  type OperationId,
  type OptionalVariable,
  type RequestCase,
  type WirePart,
} from '../../src/cases/model.js';
import { COLLECTION_VARIABLES, OPERATIONS } from '../../src/cases/operations.js';
import { reachedBy } from '../../src/judge/evidence.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { allDerivations, headerText, requestTexts, variablesIn } from '../support/case-texts.js';
import { sharedDir } from '../support/shared-dir.js';

const Ajv = AjvModule.default;

/** The id prefix each form's cases carry (the oracle; not imported from the code under test). */
const PREFIX: Readonly<Record<Form, string>> = {
  'session-key': 'session-key-',
  'aws-sigv4': 'sigv4-',
  'aws-sigv2': 'sigv2-',
  basic: 'basic-',
  'cross-cutting': 'cross-',
};

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SEED_SOURCE = /^seed §(.+)$/;
/** The bypass toolbox's families (src/cases/bypass-techniques.ts) and the part of the request each varies. */
const BYPASS_VARIES: Readonly<Record<string, readonly ('method' | 'path' | 'host')[]>> = {
  'bypass-method': ['method'],
  'bypass-method-case': ['method'],
  'bypass-path-case': ['path'],
  'bypass-end-path': ['path'],
  'bypass-mid-path': ['path'],
  'bypass-url-override': ['path'],
  // No Host line (HTTP/1.0, a version without one), or a Host line naming the server itself.
  'bypass-http-version': ['host'],
  'bypass-host': ['host'],
};

const SOURCE = /^(seed §\S.*|RFC [1-9][0-9]*( §[0-9]+(\.[0-9]+)*)?|OWASP \S.*|GitHub [A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)$/;

/** Headings of the Markdown files in the seed folder, without `{#anchor}` suffixes and inline tags. */
function seedHeadings(folder: string): Set<string> {
  const headings = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.md'))) {
    let fenced = false;
    for (const line of readFileSync(join(folder, file), 'utf8').split(/\r?\n/)) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const m = fenced ? null : /^#{1,6}\s+(.*?)\s*(\{#[^}]*\})?\s*$/.exec(line);
      if (m?.[1]) headings.add(m[1].replace(/<[^>]+>/g, '').trim());
    }
  }
  return headings;
}

/** The cases sent as requests (HTTP and wire), those sent through an HTTP client, and the wire cases. */
const REQUEST_CASES = CATALOGUE.filter(isRequestCase);
const HTTP_CASES = CATALOGUE.filter(isHttpCase);
const WIRE_CASES = CATALOGUE.filter(isWireCase);

/** Collects one message per offending case of `cases`; the test then expects none. */
function problemsIn<C extends ConformanceCase>(cases: readonly C[], check: (c: C) => string | string[] | undefined): string[] {
  expect(cases, 'cases').to.not.be.empty;
  return cases.flatMap((c) => {
    const found = check(c);
    return (found === undefined ? [] : Array.isArray(found) ? found : [found]).map((p) => `${c.id}: ${p}`);
  });
}

/** Collects one message per offending case of the whole catalogue. */
const problems = (check: (c: ConformanceCase) => string | string[] | undefined): string[] => problemsIn(CATALOGUE, check);

const ENVIRONMENT = new Set<string>([...REQUIRED_VARIABLES, ...OPTIONAL_VARIABLES]);
const COLLECTION = new Set<string>(Object.keys(COLLECTION_VARIABLES));
const OPTIONAL = new Set<string>(OPTIONAL_VARIABLES);

describe('case catalogue', () => {
  describe('shape', () => {
    it('holds well over 100 cases', () => {
      expect(CATALOGUE.length).to.be.at.least(120);
    });

    it('holds the HTTP cases of every form, in the order of FORMS, each in one block, then the wire cases, then the transport cases', () => {
      const order = HTTP_CASES.map((c) => c.form).filter((f, i, all) => i === 0 || all[i - 1] !== f);
      expect(order).to.deep.equal([...FORMS]);
      const kinds = CATALOGUE.map((c) => c.kind).filter((k, i, all) => i === 0 || all[i - 1] !== k);
      expect(kinds, 'kinds in catalogue order, each in one block').to.deep.equal(['http', 'wire', 'transport']);
    });

    it('judges a 2xx on evidence (letInOnEvidence) only where an answer can show it: a read whose body shows the resource, or a write read back', () => {
      const onEvidence = CATALOGUE.filter(isRequestCase).filter((c) => c.expect.letInOnEvidence);
      expect(onEvidence.map((c) => c.id)).to.include.members(['cross-wire-path-double-slash-denied-key', 'cross-wire-path-backslash', 'cross-wire-asterisk-form-get']);
      for (const testCase of onEvidence) {
        const operation = OPERATIONS[caseOperation(testCase)];
        const readable = caseMethod(testCase).toUpperCase() !== 'HEAD' && reachedBy(operation) !== undefined;
        const readBack = testCase.kind === 'http' && operation.unchanged !== undefined;
        expect(readable || readBack, `${testCase.id}: no answer to ${operation.id} can show that it reached the resource`).to.equal(true);
      }
      // The target names the listing itself: any 2xx is let in.
      for (const id of ['cross-wire-absolute-form-without-credentials', 'cross-wire-absolute-form-userinfo', 'cross-wire-lower-case-method-without-credentials']) {
        const found = findCase(id);
        expect(found && isRequestCase(found) ? found.expect.letInOnEvidence : 'not a request case', id).to.equal(undefined);
      }
    });

    it('uses every level', () => {
      expect(new Set(CATALOGUE.map((c) => c.level))).to.have.all.keys(...LEVELS);
    });

    it('is plain data that survives a JSON round trip', () => {
      expect(JSON.parse(JSON.stringify(CATALOGUE))).to.deep.equal(CATALOGUE);
    });

    it('finds every case by its id and no case by an unknown id', () => {
      expect(problems((c) => (findCase(c.id) === c ? undefined : 'not found by findCase'))).to.deep.equal([]);
      expect(findCase('no-such-case')).to.equal(undefined);
    });

    it('splits into the forms with casesByForm, wire cases included, in catalogue order', () => {
      const joined = FORMS.flatMap((f) => casesByForm(f));
      expect(joined.map((c) => c.id).sort()).to.deep.equal(CATALOGUE.map((c) => c.id).sort());
      for (const f of FORMS) expect(casesByForm(f), f).to.deep.equal(CATALOGUE.filter((c) => c.form === f));
    });
  });

  describe('ids and titles', () => {
    it('has unique ids', () => {
      const seen = new Set<string>();
      const duplicates = CATALOGUE.map((c) => c.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
      expect(CATALOGUE).to.not.be.empty;
      expect(duplicates).to.deep.equal([]);
    });

    it('has kebab-case ids prefixed by their form (a transport case: by its protocol)', () => {
      expect(
        problems((c) => {
          if (!KEBAB.test(c.id)) return 'not kebab-case';
          const prefix = c.kind === 'transport' ? `${c.protocol}-` : PREFIX[c.form];
          if (!c.id.startsWith(prefix) || c.id.length <= prefix.length) return `not prefixed by ${prefix}`;
          return undefined;
        }),
      ).to.deep.equal([]);
    });

    it('has kebab-case families', () => {
      expect(problems((c) => (KEBAB.test(c.family) ? undefined : `family "${c.family}"`))).to.deep.equal([]);
    });

    it('has titles unique within their form', () => {
      expect(
        problems((c) =>
          CATALOGUE.some((o) => o !== c && o.form === c.form && o.title === c.title) ? `title "${c.title}" repeated` : undefined,
        ),
      ).to.deep.equal([]);
    });

    it('titles an accepting request case "accepts ..." and a rejecting one "rejects ..."', () => {
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const verb = c.expect.outcome === 'accept' ? 'accepts ' : 'rejects ';
          return c.title.startsWith(verb) ? undefined : `title "${c.title}" does not start with "${verb}"`;
        }),
      ).to.deep.equal([]);
    });

    it('has a requirement sentence for every case', () => {
      expect(problems((c) => (/^\S.{9,}[.]$/s.test(c.requirement) ? undefined : 'requirement is not a sentence'))).to.deep.equal([]);
    });
  });

  describe('sources', () => {
    it('cites at least one source per case, each in the citation format', () => {
      expect(
        problems((c) => {
          if (c.sources.length === 0) return 'no source';
          return c.sources.filter((s) => !SOURCE.test(s)).map((s) => `source "${s}" is not seed §…, RFC <n> [§x], OWASP … or GitHub <owner>/<name>`);
        }),
      ).to.deep.equal([]);
    });

    it('cites only seed headings that exist in the seed', function () {
      const folder = sharedDir('seed');
      if (!existsSync(folder)) this.skip();
      const headings = seedHeadings(folder);
      expect(headings.size, 'headings found in the seed').to.be.greaterThan(0);
      expect(
        problems((c) =>
          c.sources
            .map((s) => SEED_SOURCE.exec(s)?.[1])
            .filter((h): h is string => h !== undefined && !headings.has(h))
            .map((h) => `no seed heading "${h}"`),
        ),
      ).to.deep.equal([]);
    });
  });

  describe('schema', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const validate = ajv.compile(CASE_SCHEMA);
    const anyCase = HTTP_CASES[0] as HttpCase;

    it('validates every case', () => {
      expect(
        problems((c) => (validate(c) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'case' }))),
      ).to.deep.equal([]);
    });

    it('rejects an unknown property at the top level and inside the request, expectation and derivations', () => {
      const derived = REQUEST_CASES.find((c) => c.derive !== undefined) as RequestCase;
      const variants: unknown[] = [
        { ...anyCase, note: 'x' },
        { ...anyCase, request: { ...anyCase.request, query: 'x' } },
        { ...anyCase, expect: { ...anyCase.expect, status: 401 } },
        { ...derived, derive: [{ ...derived.derive?.[0], extra: true }] },
        { ...derived, derive: [{ name: 'x', from: 'y', apply: [{ op: 'base64', length: 3 }] }] },
      ];
      expect(variants.map((v) => validate(v))).to.deep.equal(variants.map(() => false));
    });

    it('rejects an id whose prefix is not its form\'s, a CR/LF header value and a 5xx expected status', () => {
      const variants: unknown[] = [
        { ...anyCase, id: `basic-${anyCase.id}`, form: 'aws-sigv2' },
        { ...anyCase, request: { ...anyCase.request, headers: [['X-v3io-session-key', 'a\r\nb']] } },
        { ...anyCase, expect: { outcome: 'reject', statuses: [500] } },
        { ...anyCase, expect: { outcome: 'accept', statuses: [400] } },
      ];
      expect(variants.map((v) => validate(v))).to.deep.equal(variants.map(() => false));
    });

    it('refuses the fields of another kind: a wire case with a request, an HTTP case with wire parts, a transport case with either', () => {
      const wire = WIRE_CASES[0]!;
      const transport = CATALOGUE.find(isTransportCase)!;
      const { kind: _kind, ...withoutKind } = anyCase;
      const variants: unknown[] = [
        { ...wire, request: anyCase.request },
        { ...anyCase, wire: wire.wire },
        { ...anyCase, operation: wire.operation },
        { ...anyCase, kind: 'wire' },
        { ...wire, kind: 'http' },
        { ...transport, request: anyCase.request },
        { ...transport, wire: wire.wire },
        { ...anyCase, probe: transport.probe },
        withoutKind,
        { ...anyCase, kind: 'raw' },
      ];
      expect(variants.map((v) => validate(v))).to.deep.equal(variants.map(() => false));
    });

    it('refuses a transport case with derived variables, a status, another protocol than its id names, or an unknown probe', () => {
      const transport = CATALOGUE.find(isTransportCase)!;
      expect(validate(transport), ajv.errorsText(validate.errors)).to.equal(true);
      const variants: unknown[] = [
        { ...transport, derive: [{ name: 'x', from: 'y', apply: [{ op: 'base64' }] }] },
        { ...transport, expect: { outcome: 'reject', statuses: [400] } },
        { ...transport, expect: { outcome: 'unauthenticated' } },
        { ...transport, protocol: transport.protocol === 'https' ? 'http' : 'https' },
        { ...transport, probe: 'tls-maximum-version' },
      ];
      expect(variants.map((v) => validate(v))).to.deep.equal(variants.map(() => false));
    });
  });

  describe('wire-case schema', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const validate = ajv.compile(CASE_SCHEMA);
    const wireCase = () => WIRE_CASES[0]!;

    it('validates a wire case whose values hold CR, LF, NUL and obs-text', () => {
      const c = wireCase();
      const parts: WirePart[] = [...c.wire.parts, { kind: 'header', name: 'X-v3io-session-key ', value: 'a\r\nb\u0000\u00e9' }];
      expect(validate({ ...c, wire: { ...c.wire, parts } }), ajv.errorsText(validate.errors)).to.equal(true);
    });

    it('rejects an unknown wire property, an unknown part kind, a header name with a colon and a wire id without "-wire-"', () => {
      const c = wireCase();
      const { wire } = c;
      const variants: unknown[] = [
        { ...c, wire: { ...wire, note: 'x' } },
        { ...c, wire: { ...wire, parts: [...wire.parts, { kind: 'trailer', text: 'x' }] } },
        { ...c, wire: { ...wire, parts: [...wire.parts, { kind: 'header', name: 'X:y', value: 'z' }] } },
        { ...c, wire: { ...wire, parts: [...wire.parts, { kind: 'bytes', text: '' }] } },
        { ...c, wire: { parts: wire.parts } },
        { ...c, wire: { ...wire, repairAccepted: false } },
        { ...c, id: c.id.replace('-wire-', '-') },
      ];
      expect(variants.map((v) => validate(v))).to.deep.equal(variants.map(() => false));
    });
  });

  describe('variables', () => {
    it('uses only environment, collection and the case\'s own derived variables, each derived before it is used', () => {
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const found: string[] = [];
          const known = new Set([...ENVIRONMENT, ...COLLECTION]);
          // A derivation reads environment and collection variables and the derivations before it
          // (model.ts): never one after it, which the scripts would not have set yet.
          const checkDerivations = (list: readonly Derivation[], scope: Set<string>) => {
            for (const d of list) {
              for (const v of variablesIn(d.from)) if (!scope.has(v)) found.push(`derivation ${d.name} uses {{${v}}}, neither an environment or collection variable nor an earlier derivation`);
              if (known.has(d.name)) found.push(`derivation ${d.name} shadows an environment or collection variable`);
              scope.add(d.name);
            }
          };
          const caseScope = new Set([...known, ...(isWireCase(c) ? WIRE_VARIABLES : [])]);
          checkDerivations(c.derive ?? [], caseScope);
          for (const v of requestTexts(c).flatMap(variablesIn)) if (!caseScope.has(v)) found.push(`request uses undefined {{${v}}}`);
          const same = c.expect.sameResponseAs;
          if (same) {
            const sameScope = new Set(caseScope);
            checkDerivations(same.derive ?? [], sameScope);
            for (const v of headerText(same.headers).flatMap(variablesIn)) if (!sameScope.has(v)) found.push(`sameResponseAs uses undefined {{${v}}}`);
          }
          return found;
        }),
      ).to.deep.equal([]);
    });

    it('uses every variable it derives, and derives each name once', () => {
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const found: string[] = [];
          const used = [
            ...requestTexts(c),
            ...(c.derive ?? []).map((d) => d.from),
            ...headerText(c.expect.sameResponseAs?.headers ?? []),
            ...(c.expect.sameResponseAs?.derive ?? []).map((d) => d.from),
          ].flatMap(variablesIn);
          const names = allDerivations(c).map((d) => d.name);
          for (const n of names) if (!used.includes(n)) found.push(`derived {{${n}}} is never used`);
          if ((c.derive ?? []).length !== new Set((c.derive ?? []).map((d) => d.name)).size) found.push('a derived name repeats');
          return found;
        }),
      ).to.deep.equal([]);
    });

    it('lists exactly the optional variables it uses in requires', () => {
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const used = new Set(
            [
              ...requestTexts(c),
              ...allDerivations(c).map((d) => d.from),
              ...headerText(c.expect.sameResponseAs?.headers ?? []),
            ]
              .flatMap(variablesIn)
              // The variables a case compares (distinct) are used too: it needs their values.
              .concat((c.distinct ?? []).flat())
              .filter((v) => OPTIONAL.has(v)),
          );
          const listed = new Set<string>(c.requires ?? []);
          const missing = [...used].filter((v) => !listed.has(v)).map((v) => `uses {{${v}}} without requiring it`);
          const extra = [...listed].filter((v) => !used.has(v)).map((v) => `requires ${v} without using it`);
          return [...missing, ...extra];
        }),
      ).to.deep.equal([]);
    });

    it('never writes a secret of the reference identities, plain or Base64-encoded', () => {
      const secrets = Object.values(REFERENCE_IDENTITIES).flatMap((i) => [
        i.accessKey,
        i.password,
        Buffer.from(`${i.username}:${i.password}`, 'utf8').toString('base64').replace(/=+$/, ''),
      ]);
      expect(
        problems((c) => {
          const text = JSON.stringify(c);
          return secrets.filter((s) => text.includes(s)).map(() => 'contains a literal secret of a reference identity');
        }),
      ).to.deep.equal([]);
    });
  });

  describe('requests', () => {
    it('starts each request with its operation\'s method, target, headers and body', () => {
      // Families whose point is to vary one part of the operation's request (docs/threat-model.md).
      const varies: Readonly<Record<string, readonly string[]>> = {
        method: ['method'],
        'function-name': ['headers'],
        'credential-carrier': ['headers', 'body'],
        'request-target': ['path'],
        'path-spelling': ['path'],
        ...BYPASS_VARIES,
      };
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const op = OPERATIONS[caseOperation(c)];
          const may = varies[c.family] ?? [];
          const found: string[] = [];
          const [method, target] = [caseMethod(c), caseTarget(c)];
          if (method !== op.method && !may.includes('method')) found.push(`method ${method} is not ${op.method}`);
          if (!target.startsWith(op.path.split('?')[0] ?? op.path) && !may.includes('path')) found.push(`path ${target} is not under ${op.path}`);
          // A wire case's header lines and body are its parts, checked with the wire cases.
          if (c.kind === 'wire') return found;
          const own = c.request.headers.slice(0, op.headers.length);
          if (JSON.stringify(own) !== JSON.stringify(op.headers) && !may.includes('headers')) found.push('does not start with the operation\'s own headers');
          if (c.request.body !== op.body && !may.includes('body')) found.push('body differs from the operation\'s');
          return found;
        }),
      ).to.deep.equal([]);
    });

    it('expects no operation without a valid request to be accepted', () => {
      expect(
        problemsIn(REQUEST_CASES, (c) =>
          c.expect.outcome === 'accept' && OPERATIONS[caseOperation(c)].successStatuses.length === 0
            ? `${caseOperation(c)} has no valid request`
            : undefined,
        ),
      ).to.deep.equal([]);
    });

    it('has no two cases of one form that send the same request and expect the same', () => {
      const seen = new Map<string, string>();
      expect(
        problemsIn(REQUEST_CASES, (c) => {
          const key = JSON.stringify([c.form, c.kind === 'http' ? c.request : c.wire, c.derive ?? [], c.expect]);
          const other = seen.get(key);
          seen.set(key, c.id);
          return other === undefined ? undefined : `same as ${other}`;
        }),
      ).to.deep.equal([]);
    });
  });

  describe('wire cases', () => {
    const wireCases = WIRE_CASES;

    it('starts with a request line and a Host line and ends the header section once, last, for each request on the connection, the last being the case\'s', () => {
      expect(wireCases).to.not.be.empty;
      expect(
        problemsIn(wireCases, (c) => {
          const found: string[] = [];
          if (c.wire.parts[0]?.kind !== 'request-line') found.push('does not start with a request line');
          // Several request lines are requests one after the other on one connection: the last is the case's request.
          const requests: WirePart[][] = [];
          for (const part of c.wire.parts) {
            if (part.kind === 'request-line') requests.push([part]);
            else requests.at(-1)?.push(part);
          }
          requests.forEach((parts, i) => {
            const which = requests.length > 1 ? ` (request ${i + 1})` : '';
            const host = parts.filter((p) => p.kind === 'header' && p.name === 'Host');
            // A family that varies Host names its own: none, one, or two lines (one of them the target's).
            const ownHost = BYPASS_VARIES[c.family]?.includes('host') && (host.length <= 1 || (host.length === 2 && host.some((h) => (h as { value: string }).value === '{{host}}')));
            if (!ownHost && (host.length !== 1 || (host[0] as { value: string }).value !== '{{host}}')) found.push(`has no single Host: {{host}} line${which}`);
            if (parts[1]?.kind === 'end') found.push(`has no header line${which}`);
            // A body, when there is one, follows the end of the header section.
            const head = parts.at(-1)?.kind === 'body' ? parts.slice(0, -1) : parts;
            if (head.at(-1)?.kind !== 'end' || parts.filter((p) => p.kind === 'end').length !== 1) found.push(`does not end with the one end of the header section${which}`);
          });
          return found;
        }),
      ).to.deep.equal([]);
    });

    it('carries no request spec: its request is its bytes, and its operation names what the last request line asks', () => {
      expect(problemsIn(wireCases, (c) => ('request' in c ? 'has a request spec' : undefined))).to.deep.equal([]);
      const othersMethod = (c: { readonly family: string }): boolean => BYPASS_VARIES[c.family]?.includes('method') ?? false;
      expect(
        problemsIn(wireCases, (c) => (othersMethod(c) || OPERATIONS[caseOperation(c)].method.toUpperCase() === caseMethod(c).toUpperCase() ? undefined : `${caseMethod(c)} is not ${caseOperation(c)}'s method`)),
      ).to.deep.equal([]);
    });

    it('is a MUST case whenever the bytes carry no valid credential, and lets a repair be accepted only around a valid one', () => {
      expect(
        problemsIn(wireCases, (c) => {
          if (!c.wire.validCredential && c.level !== 'must') return 'carries no valid credential but is not MUST';
          if (c.wire.repairAccepted && !(c.wire.validCredential && c.level === 'should' && c.expect.outcome !== 'accept')) return 'repairAccepted on a case that is not a SHOULD rejection around a valid credential';
          return undefined;
        }),
      ).to.deep.equal([]);
    });

    it('sends CR, LF, CRLF and NUL inside a session key and inside a Basic token', () => {
      for (const [form, name, prefix] of [['session-key', 'X-v3io-session-key', '{{accessKey}}'], ['basic', 'Authorization', 'Basic {{basicToken}}']] as const) {
        const values = wireCases
          .filter((c) => c.form === form)
          .flatMap((c) => c.wire.parts.filter((p): p is Extract<WirePart, { kind: 'header' }> => p.kind === 'header' && p.name === name).map((p) => p.value));
        for (const control of ['\r', '\n', '\r\n', '\u0000']) expect(values, `${form}: ${JSON.stringify(control)}`).to.include(`${prefix}${control}junk`);
      }
    });

    it('covers obs-fold, bare CR and LF, whitespace before the colon, obs-text, a comma join and an over-long header section', () => {
      const families = new Set(wireCases.map((c) => c.family));
      expect(families).to.include.all.keys('wire-control-character', 'wire-obs-fold', 'wire-line-ending', 'wire-field-name', 'wire-obs-text', 'wire-comma-join', 'wire-size');
    });

    it('cites the RFC section of the framing it breaks', () => {
      expect(problemsIn(wireCases, (c) => (!c.sources.some((s) => /^RFC (9112|9110|6585) §/.test(s)) ? 'no RFC 9112, 9110 or 6585 section' : undefined))).to.deep.equal([]);
    });
  });

  describe('transport cases', () => {
    const transport = CATALOGUE.filter(isTransportCase);

    it('measures the TLS versions and Strict-Transport-Security over HTTPS, and its absence over plain HTTP, at the levels of auth-requirements.md', () => {
      expect(transport.map((c) => [c.protocol, c.probe, c.level])).to.deep.equal([
        ['https', 'tls-minimum-version', 'should'],
        ['https', 'strict-transport-security', 'may'],
        ['http', 'no-strict-transport-security', 'must'],
      ]);
    });

    it('are cross-cutting cases of the transport family, in every profile', () => {
      expect(problemsIn(transport, (c) => (c.form === 'cross-cutting' && c.family === 'transport' && c.profiles.length === 2 ? undefined : `${c.form} ${c.family} ${c.profiles.join(',')}`))).to.deep.equal([]);
    });
  });

  describe('coverage', () => {
    const operationsWith = <C extends RequestCase>(cases: readonly C[], pick: (c: C) => boolean): Set<OperationId> =>
      new Set(cases.filter(pick).map((c) => caseOperation(c)));
    const httpCasesOf = (form: Form): HttpCase[] => casesByForm(form).filter(isHttpCase);

    for (const form of FORMS.filter((f) => f !== 'cross-cutting')) {
      it(`accepts the valid ${form} request on more than one operation`, () => {
        const ops = operationsWith(httpCasesOf(form), (c) => c.family === 'valid' && c.expect.outcome === 'accept');
        expect(ops.size).to.be.greaterThan(1);
      });
    }

    it('accepts the valid session key on every operation that has a valid request', () => {
      const withValid = OPERATION_IDS.filter((op) => OPERATIONS[op].successStatuses.length > 0);
      const ops = operationsWith(
        httpCasesOf('cross-cutting'),
        (c) => c.family === 'every-operation' && c.expect.outcome === 'accept' && JSON.stringify(c.request.headers).includes('{{accessKey}}'),
      );
      expect([...ops].sort()).to.deep.equal([...withValid].sort());
    });

    it('rejects missing credentials and an unknown key on every operation, unknown methods included', () => {
      const cross = httpCasesOf('cross-cutting').filter((c) => c.family === 'every-operation' && c.level === 'must');
      const none = operationsWith(cross, (c) => c.expect.outcome === 'unauthenticated' && c.request.headers.length === OPERATIONS[c.request.operation].headers.length);
      const unknown = operationsWith(
        cross,
        (c) => c.expect.outcome === 'unauthenticated' && c.request.headers.length > OPERATIONS[c.request.operation].headers.length,
      );
      expect([...none].sort(), 'no credentials').to.deep.equal([...OPERATION_IDS].sort());
      expect([...unknown].sort(), 'unknown key').to.deep.equal([...OPERATION_IDS].sort());
    });

    it('rejects a denied identity as forbidden on several operations and through several forms', () => {
      const denied = REQUEST_CASES.filter((c) => c.expect.outcome === 'forbidden');
      expect(operationsWith(denied, () => true).size).to.be.greaterThan(2);
      const forms = new Set(denied.map((c) => (requestTexts(c).includes('Authorization') ? 'authorization' : 'session-key')));
      expect(forms).to.have.all.keys('authorization', 'session-key');
      // Each needs the denied identity's access key, or its Basic username and password.
      const needsDenied = (c: RequestCase): boolean => (c.requires ?? []).includes('deniedAccessKey') || ['deniedUsername', 'deniedPassword'].every((v) => (c.requires ?? []).includes(v as OptionalVariable));
      expect(denied.filter((c) => c.level !== 'must' || !needsDenied(c)).map((c) => c.id)).to.deep.equal([]);
    });

    it('rejects a denied identity on GET object and on every operation that writes, through every credential form', () => {
      // A server that checks permissions only on reads, or only for one form, lets the identity change data.
      const writes = OPERATION_IDS.filter((op) => OPERATIONS[op].unchanged !== undefined);
      expect(writes).to.include.members(['put-object', 'post-object', 'delete-object', 'put-item', 'put-records']);
      const forbiddenIds = new Set(REQUEST_CASES.filter((c) => c.expect.outcome === 'forbidden' && c.level === 'must').map((c) => c.id));
      const missing = ['session-key', 'sigv4', 'sigv2', 'basic'].flatMap((form) => ['get-object', ...writes].map((op) => `cross-denied-${form}-${op}`)).filter((id) => !forbiddenIds.has(id));
      expect(missing).to.deep.equal([]);
      const basic = REQUEST_CASES.filter((c) => c.id.startsWith('cross-denied-basic-'));
      expect(basic.every((c) => requestTexts(c).includes('Basic {{deniedBasicToken}}') && c.profiles.join() === 'v3io')).to.equal(true);
    });

    it('covers each credential form with valid, unknown and mutated credentials', () => {
      const missing = FORMS.filter((f) => f !== 'cross-cutting').flatMap((f) => {
        const families = new Set(casesByForm(f).map((c) => c.family));
        return ['valid', 'unknown-credential', 'mutated-key'].filter((fam) => !families.has(fam)).map((fam) => `${f}: ${fam}`);
      });
      expect(missing).to.deep.equal([]);
    });

    it('checks that an unknown user and a wrong password get the same response', () => {
      expect(REQUEST_CASES.filter((c) => c.expect.sameResponseAs !== undefined)).to.not.be.empty;
    });

    it('keeps the 64 KiB cases at MUST with 431 or 400, or 401 from a server that reads the value, as the expected statuses', () => {
      const size = REQUEST_CASES.filter((c) => c.family === 'size');
      expect(size).to.not.be.empty;
      expect(size.map((c) => [c.level, c.expect.statuses])).to.deep.equal(size.map(() => ['must', [431, 400, 401]]));
    });
  });
});
