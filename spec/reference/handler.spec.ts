/**
 * The reference's request handling: order of the checks, the operations the suite uses, and the
 * responses' form.
 * @see /work/shared/spec/v3io-web-api.md
 */
import { expect } from 'chai';
import { OPERATION_IDS } from '../../src/cases/model.js';
import { COLLECTION_VARIABLES, FIXTURES, OPERATIONS, type PrepareStep } from '../../src/cases/operations.js';
import type { AuthFn } from '../../src/reference/auth.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { validateResponseBody } from '../../src/schemas/validate.js';
import { ALL_IDENTITIES, basic, COLON, DENIED, MAIN, secretsOf, sigv2, UNKNOWN_KEY } from './helpers.js';
import { json, send, text, type Lines } from './reference-client.js';

const VALID: Lines = [['X-v3io-session-key', MAIN.accessKey]];
const DENIED_KEY: Lines = [['X-v3io-session-key', DENIED.accessKey]];
const WRONG_PASSWORD: Lines = [['Authorization', basic(MAIN.username, 'wrong-password')]];
const UNKNOWN: Lines = [['X-v3io-session-key', UNKNOWN_KEY]];
const JSON_BODY: Lines = [['Content-Type', 'application/json']];

function fn(name: string, credentials: Lines = VALID): Lines {
  return [['X-v3io-function', name], ...JSON_BODY, ...credentials];
}

/** Replaces `{{variables}}` (nested ones too) with the reference environment's values, and `captured` ones. */
function fill(template: string, captured: Readonly<Record<string, string>> = {}): string {
  const variables: Readonly<Record<string, string>> = { ...COLLECTION_VARIABLES, container: 'bigdata', accessKey: MAIN.accessKey, ...captured };
  let result = template;
  for (let round = 0; round < 5 && result.includes('{{'); round += 1) {
    result = result.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) throw new Error(`no variable ${name}`);
      return value;
    });
  }
  return result;
}

/**
 * Sends an operation's preparation as the collection does: in order, with the fixture key, keeping
 * captured members. Every step must succeed but a DELETE (of what may not be there) and a
 * CreateStream of a stream that exists.
 */
function prepare(reference: Reference, steps: readonly PrepareStep[]): Record<string, string> {
  const captured: Record<string, string> = {};
  for (const step of steps) {
    const response = send(reference, step.method, fill(step.path, captured), [...step.headers, ...VALID], fill(step.body ?? '', captured));
    const alreadyThere = response.status === 400 && text(response).includes('ResourceInUseException');
    if (step.method !== 'DELETE' && !alreadyThere) expect(response.status, `${step.method} ${step.path}`).to.equal(200);
    if (step.capture) {
      const value = (json(response) as Record<string, unknown>)[step.capture.member];
      expect(value, step.capture.member).to.be.a('string');
      captured[step.capture.variable] = value as string;
    }
  }
  return captured;
}

function withFixtures(): Reference {
  const reference = createReference();
  for (const step of FIXTURES.setup) {
    const response = send(reference, step.request.method, fill(step.request.path), [...step.request.headers, ...VALID], fill(step.request.body ?? ''));
    expect(response.status, step.id).to.equal(200);
  }
  return reference;
}

describe('reference handler', () => {
  describe("the suite's operations, with valid credentials", () => {
    for (const operation of Object.values(OPERATIONS)) {
      it(`${operation.id}: ${operation.summary}`, () => {
        const reference = withFixtures();
        const captured = prepare(reference, operation.prepare ?? []);
        const op = operation;
        const response = send(reference, op.method, fill(op.path, captured), [...op.headers, ...VALID], fill(op.body ?? '', captured));
        if (operation.successStatuses.length === 0) {
          expect(response.status).to.equal(405);
          return;
        }
        expect(operation.successStatuses).to.include(response.status);
        const success = operation.success;
        switch (success.kind) {
          case 'xml-elements':
            for (const element of success.elements) expect(text(response)).to.match(new RegExp(`<${element}[\\s/>]`));
            break;
          case 'body-equals':
            expect(text(response)).to.equal(fill(success.template));
            break;
          case 'json-schema': {
            const result = validateResponseBody(success.schema, json(response));
            expect(result.errors).to.deep.equal([]);
            break;
          }
          case 'status-only':
            break;
        }
      });
    }

    it('the fixture item reads back with its attributes', () => {
      const reference = withFixtures();
      const op = OPERATIONS['get-item'];
      const response = send(reference, op.method, fill(op.path), [...op.headers, ...VALID], op.body);
      expect(json(response)).to.deep.equal({
        Item: { id: { S: 'fixture' }, note: { S: 'v3io-auth-conformance fixture item' }, count: { N: '1' } },
      });
    });

    it('the teardown removes everything the setup, the preparations and the operations created', () => {
      const reference = withFixtures();
      // In catalogue order, as a run sends them: UpdateStream leaves the scratch stream with two shards.
      for (const op of Object.values(OPERATIONS).filter((o) => o.successStatuses.length > 0)) {
        const captured = prepare(reference, op.prepare ?? []);
        expect(send(reference, op.method, fill(op.path, captured), [...op.headers, ...VALID], fill(op.body ?? '', captured)).status, op.id).to.equal(200);
      }
      // 404 is "already gone", as the runner judges teardown steps (DELETE object removed the scratch
      // object). Directories stay until deleted, as V3IO's do: the table's and the run's folder are 200.
      const gone = new Set(['teardown-delete-scratch-object']);
      const statuses = FIXTURES.teardown.map((step) => send(reference, step.request.method, fill(step.request.path), [...step.request.headers, ...VALID]).status);
      expect(statuses).to.deep.equal(FIXTURES.teardown.map((step) => (gone.has(step.id) ? 404 : 200)));
      expect(send(reference, 'GET', fill('/{{container}}/?prefix={{runPrefix}}/'), VALID).status, 'the run folder is gone').to.equal(404);
      const listing = text(send(reference, 'GET', fill('/{{container}}/'), VALID));
      expect(listing).to.include('<ListBucketResult>').and.not.include('<Contents>').and.not.include('<CommonPrefixes>');
    });
  });

  describe('order: authentication before anything else', () => {
    const requests: ReadonlyArray<readonly [what: string, method: string, url: string, authenticated: number]> = [
      ['an unknown container', 'GET', '/no-such-container/x', 404],
      ['a missing object', 'GET', '/bigdata/no/such/object', 404],
      ['an unknown method', 'PROPFIND', '/bigdata/x', 405],
      ['an unknown method on /', 'DELETE', '/', 405],
      ['a malformed path', 'GET', '/bigdata/%zz', 400],
      ['an unknown function', 'POST', '/bigdata/table/', 400],
    ];
    for (const [what, method, url, authenticated] of requests) {
      it(`${what}: 401 without valid credentials, ${authenticated} with them`, () => {
        const reference = withFixtures();
        const fnHeader = ['X-v3io-function', 'NoSuchFunction'] as const;
        expect(send(reference, method, url, [fnHeader]).status).to.equal(401);
        expect(send(reference, method, url, [fnHeader, ...UNKNOWN]).status).to.equal(401);
        expect(send(reference, method, url, [fnHeader, ...VALID]).status).to.equal(authenticated);
      });
    }

    it('401 rejections look the same whatever failed', () => {
      const reference = withFixtures();
      const url = fill('/{{container}}/{{fixtureObject}}');
      const failures: Lines[] = [[], UNKNOWN, WRONG_PASSWORD, [['Authorization', basic('nobody', 'x')]], [['Authorization', 'Bearer x']], [['X-v3io-session-key', '']]];
      const responses = failures.map((lines) => send(reference, 'GET', url, lines));
      for (const response of responses) {
        expect(response.status).to.equal(401);
        expect(response).to.deep.equal(responses[0]);
      }
    });

    it('a syntax error in the credentials is a 400, an oversized header section a 431', () => {
      const reference = withFixtures();
      expect(send(reference, 'GET', '/', [['Authorization', 'Basic !!!!']]).status).to.equal(400);
      expect(send(reference, 'GET', '/', [...VALID, ...VALID]).status).to.equal(400);
      expect(send(reference, 'GET', '/', [['X-v3io-session-key', 'k'.repeat(65536)]]).status).to.equal(431);
    });

    it('no response echoes a secret the request carried', () => {
      const reference = withFixtures();
      const secrets = ALL_IDENTITIES.flatMap(secretsOf);
      const attempts: Lines[] = [
        [['X-v3io-session-key', `${MAIN.accessKey} x`]],
        [['Authorization', basic(MAIN.username, `${MAIN.password}x`)]],
        [['Authorization', `${basic(MAIN.username, MAIN.password)}!!`]],
        [['Authorization', sigv2(MAIN.accessKey)], ['Authorization', sigv2(MAIN.accessKey)]],
        [['X-v3io-session-key', COLON.accessKey], ['Authorization', basic(MAIN.username, MAIN.password)]],
        DENIED_KEY,
        VALID,
      ];
      for (const lines of attempts) {
        for (const [method, url] of [['GET', '/'], ['GET', '/bigdata/missing'], ['PROPFIND', '/bigdata/x'], ['PUT', '/bigdata/']] as const) {
          const response = send(reference, method, url, lines);
          const everything = `${response.status} ${JSON.stringify(response.headers)} ${text(response)}`;
          for (const secret of secrets) expect(everything).to.not.include(secret);
        }
      }
    });

    it('uses the authenticate function it is given (a broken one lets everything in)', () => {
      const acceptAll: AuthFn = () => ({ kind: 'authenticated', identity: MAIN, form: 'basic' });
      const broken = createReference({ authenticate: acceptAll });
      expect(send(broken, 'GET', '/bigdata/').status).to.equal(200);
      expect(send(createReference(), 'GET', '/bigdata/').status).to.equal(401);
    });

    it('an authenticate function that throws gets a 500 without details', () => {
      const reference = createReference({
        authenticate: () => {
          throw new Error('internal detail');
        },
      });
      const response = send(reference, 'GET', '/', VALID);
      expect(response.status).to.equal(500);
      expect(text(response)).to.not.include('internal detail');
    });
  });

  describe('permission', () => {
    for (const id of OPERATION_IDS.filter((op) => op !== 'list-containers')) {
      it(`${id}: an identity without permission on the container gets 403 and changes nothing`, () => {
        const reference = withFixtures();
        const op = OPERATIONS[id];
        const before = send(reference, 'GET', fill('/{{container}}/?prefix={{runPrefix}}/'), VALID);
        const response = send(reference, op.method, fill(op.path), [...op.headers, ...DENIED_KEY], fill(op.body ?? ''));
        expect(response.status).to.equal(403);
        if (op.method !== 'HEAD') expect(json(response)).to.deep.equal({ ErrorCode: -1, ErrorMessage: 'Operation not permitted' });
        expect(send(reference, 'GET', fill('/{{container}}/?prefix={{runPrefix}}/'), VALID)).to.deep.equal(before);
      });
    }

    it('GET / lists only the containers the identity may use', () => {
      const reference = withFixtures();
      expect(text(send(reference, 'GET', '/', VALID))).to.include('<Name>bigdata</Name>');
      const denied = send(reference, 'GET', '/', DENIED_KEY);
      expect(denied.status).to.equal(200);
      expect(text(denied)).to.include('<ListAllMyBucketsResult>').and.not.include('<Bucket>');
    });

    it('an unknown container is a 404 saying the container was not found, for an identity with access to all, on every method', () => {
      for (const [method, url] of [['GET', '/other/x'], ['PUT', '/other/x'], ['DELETE', '/other/x'], ['GET', '/other/'], ['POST', '/other/?delete']] as const) {
        const response = send(createReference(), method, url, VALID);
        expect([response.status, json(response)], `${method} ${url}`).to.deep.equal([404, { ErrorCode: -2, ErrorMessage: 'Container not found' }]);
      }
    });

    it('serves the container and identities it is given', () => {
      const reference = createReference({ container: 'projects', identities: [{ ...DENIED, containers: ['projects'] }] });
      expect(send(reference, 'GET', '/projects/', DENIED_KEY).status).to.equal(200);
      expect(send(reference, 'GET', '/bigdata/', DENIED_KEY).status).to.equal(403);
      expect(send(reference, 'GET', '/projects/', VALID).status).to.equal(401);
    });
  });

  describe('rejected writes change nothing', () => {
    const url = fill('/{{container}}/{{fixtureObject}}');
    const content = fill('{{fixtureContent}}');
    for (const [name, lines] of [['no credentials', []], ['an unknown key', UNKNOWN], ['a wrong password', WRONG_PASSWORD], ['two Authorization lines', [['Authorization', sigv2(MAIN.accessKey)], ['Authorization', 'Bearer x']]]] as const) {
      it(`${name}: PUT, POST and DELETE of an object, PutItem`, () => {
        const reference = withFixtures();
        for (const method of ['PUT', 'POST', 'DELETE']) {
          expect(send(reference, method, url, lines, 'overwritten').status).to.be.within(400, 499);
        }
        expect(text(send(reference, 'GET', url, VALID))).to.equal(content);
        const table = fill('/{{container}}/{{table}}/');
        expect(send(reference, 'PUT', table, fn('PutItem', lines), '{"Key":{"id":{"S":"fixture"}},"Item":{"note":{"S":"overwritten"}}}').status).to.be.within(400, 499);
        const item = send(reference, 'POST', table, fn('GetItem'), '{"Key":{"id":{"S":"fixture"}},"AttributesToGet":"note"}');
        expect(json(item)).to.deep.equal({ Item: { note: { S: 'v3io-auth-conformance fixture item' } } });
      });
    }
  });

  describe('objects', () => {
    it('PUT stores the body and its content type, GET returns them, DELETE removes them', () => {
      const reference = createReference();
      const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff]);
      expect(send(reference, 'PUT', '/bigdata/dir/a.bin', [...VALID, ['Content-Type', 'application/x-test']], bytes).status).to.equal(200);
      const got = send(reference, 'GET', '/bigdata/dir/a.bin', VALID);
      expect(got.status).to.equal(200);
      expect(got.body).to.deep.equal(bytes);
      expect(got.headers['Content-Type']).to.equal('application/x-test');
      expect(send(reference, 'DELETE', '/bigdata/dir/a.bin', VALID).status).to.equal(200);
      expect(send(reference, 'GET', '/bigdata/dir/a.bin', VALID).status).to.equal(404);
      expect(send(reference, 'DELETE', '/bigdata/dir/a.bin', VALID).status).to.equal(404);
    });

    it('POST stores like PUT and replaces the previous body', () => {
      const reference = createReference();
      send(reference, 'PUT', '/bigdata/o', VALID, 'first');
      expect(send(reference, 'POST', '/bigdata/o', VALID, 'second').status).to.equal(200);
      expect(text(send(reference, 'GET', '/bigdata/o', VALID))).to.equal('second');
    });

    it('percent-encoded paths name the same object', () => {
      const reference = createReference();
      send(reference, 'PUT', '/bigdata/a%20b/c', VALID, 'x');
      expect(text(send(reference, 'GET', '/bigdata/a b/c', VALID))).to.equal('x');
      expect(send(reference, 'GET', '/bigdata/a/..%2Fb', VALID).status).to.equal(400);
      expect(send(reference, 'GET', '/bigdata/a/../b', VALID).status).to.equal(400);
    });

    it('HEAD answers the headers of GET without the body', () => {
      const reference = withFixtures();
      for (const url of ['/', '/bigdata/', fill('/{{container}}/{{fixtureObject}}'), '/bigdata/missing', '/other/']) {
        const get = send(reference, 'GET', url, VALID);
        const head = send(reference, 'HEAD', url, VALID);
        expect(head.status, url).to.equal(get.status);
        expect(head.headers, url).to.deep.equal(get.headers);
        expect(head.body.length).to.equal(0);
      }
      const rejected = send(reference, 'HEAD', '/bigdata/', []);
      expect(rejected.status).to.equal(401);
      expect(rejected.body.length).to.equal(0);
    });

    it('an unknown method is a 405 with Allow', () => {
      const reference = withFixtures();
      const response = send(reference, 'PROPFIND', fill('/{{container}}/{{fixtureObject}}'), VALID);
      expect(response.status).to.equal(405);
      expect(response.headers['Allow']).to.equal('GET, HEAD, PUT, POST, DELETE');
      expect(send(reference, 'PATCH', '/', VALID).headers['Allow']).to.equal('GET, HEAD');
      expect(send(reference, 'DELETE', '/bigdata/', VALID).status).to.equal(405);
    });

    it('a PUT with a body on a directory path is a 400', () => {
      expect(send(createReference(), 'PUT', '/bigdata/dir/', VALID, 'x').status).to.equal(400);
    });
  });

  describe('container listing', () => {
    function populated(): Reference {
      const reference = createReference();
      for (const key of ['a/1', 'a/2', 'a/3', 'b/1', 'a/<&>']) send(reference, 'PUT', `/bigdata/${encodeURIComponent(key).replace(/%2F/g, '/')}`, VALID, key);
      return reference;
    }

    it('lists the keys under a prefix with their sizes', () => {
      const listing = text(send(populated(), 'GET', '/bigdata/?prefix=a/', VALID));
      expect(listing).to.match(/^<\?xml[^>]*\?>\s*<ListBucketResult>/);
      expect(listing.match(/<Key>[^<]*<\/Key>/g)).to.deep.equal(['<Key>a/1</Key>', '<Key>a/2</Key>', '<Key>a/3</Key>', '<Key>a/&lt;&amp;&gt;</Key>']);
      expect(listing).to.include('<Prefix>a/</Prefix>').and.include('<Size>3</Size>').and.include('<IsTruncated>false</IsTruncated>');
    });

    it('max-keys truncates and marker continues', () => {
      const reference = populated();
      const first = text(send(reference, 'GET', '/bigdata/?prefix=a/&max-keys=2', VALID));
      expect(first.match(/<Key>[^<]*<\/Key>/g)).to.deep.equal(['<Key>a/1</Key>', '<Key>a/2</Key>']);
      expect(first).to.include('<IsTruncated>true</IsTruncated>').and.include('<NextMarker>a/2</NextMarker>');
      const rest = text(send(reference, 'GET', '/bigdata/?prefix=a/&max-keys=2&marker=a/2', VALID));
      expect(rest.match(/<Key>[^<]*<\/Key>/g)).to.deep.equal(['<Key>a/3</Key>', '<Key>a/&lt;&amp;&gt;</Key>']);
      expect(rest).to.include('<IsTruncated>false</IsTruncated>').and.include('<NextMarker></NextMarker>');
    });

    it('a max-keys that is not a whole number is a 400; above 1000 it is 1000, as in S3', () => {
      for (const value of ['x', '-1', '']) {
        expect(send(populated(), 'GET', `/bigdata/?max-keys=${value}`, VALID).status, value).to.equal(400);
      }
      for (const value of ['1001', '99999999999999999999']) {
        const listing = send(populated(), 'GET', `/bigdata/?max-keys=${value}`, VALID);
        expect([listing.status, /<MaxKeys>([^<]*)<\/MaxKeys>/.exec(text(listing))?.[1]], value).to.deep.equal([200, '1000']);
      }
    });
  });

  describe('NoSQL functions', () => {
    const table = '/bigdata/t/';

    it('PutItem then GetItem, by POST or PUT alike', () => {
      const reference = createReference();
      const put = send(reference, 'POST', table, fn('PutItem'), '{"Key":{"id":{"S":"x"}},"Item":{"s":{"S":"text"},"n":{"N":"-1.5e3"},"b":{"BOOL":false},"blob":{"B":"AAE="}}}');
      expect(put.status).to.equal(200);
      expect(put.body.length).to.equal(0);
      const all = send(reference, 'PUT', table, fn('GetItem'), '{"Key":{"id":{"S":"x"}},"AttributesToGet":"*"}');
      expect(all.status).to.equal(200);
      expect(json(all)).to.deep.equal({ Item: { id: { S: 'x' }, s: { S: 'text' }, n: { N: '-1.5e3' }, b: { BOOL: false }, blob: { B: 'AAE=' } } });
      const some = send(reference, 'POST', table, fn('GetItem'), '{"Key":{"id":{"S":"x"}},"AttributesToGet":"s, b, absent"}');
      expect(json(some)).to.deep.equal({ Item: { s: { S: 'text' }, b: { BOOL: false } } });
    });

    it('PutItem replaces the attributes; a numeric key names the item too', () => {
      const reference = createReference();
      send(reference, 'PUT', table, fn('PutItem'), '{"Key":{"id":{"N":"7"}},"Item":{"a":{"S":"1"}}}');
      send(reference, 'PUT', table, fn('PutItem'), '{"Key":{"id":{"N":"7"}},"Item":{"b":{"S":"2"}}}');
      expect(json(send(reference, 'POST', table, fn('GetItem'), '{"Key":{"id":{"N":"7"}}}'))).to.deep.equal({ Item: { id: { N: '7' }, b: { S: '2' } } });
      expect(text(send(reference, 'GET', '/bigdata/?prefix=t/', VALID))).to.include('<Key>t/7</Key>');
    });

    it('without Key, the URL names the item; TableName joins the URL', () => {
      const reference = createReference();
      expect(send(reference, 'PUT', '/bigdata/t/item', fn('PutItem'), '{"Item":{"a":{"S":"1"}}}').status).to.equal(200);
      expect(json(send(reference, 'POST', '/bigdata/', fn('GetItem'), '{"TableName":"t","Key":{"k":{"S":"item"}}}'))).to.deep.equal({ Item: { a: { S: '1' } } });
    });

    it('GetItem of a missing item is a 404; DELETE removes an item', () => {
      const reference = createReference();
      const missing = send(reference, 'POST', table, fn('GetItem'), '{"Key":{"id":{"S":"nope"}}}');
      expect(missing.status).to.equal(404);
      expect(json(missing)).to.deep.equal({ ErrorCode: -2, ErrorMessage: 'No such file or directory' });
      send(reference, 'PUT', table, fn('PutItem'), '{"Key":{"id":{"S":"x"}},"Item":{"a":{"S":"1"}}}');
      expect(send(reference, 'DELETE', `${table}x`, VALID).status).to.equal(200);
      expect(send(reference, 'POST', table, fn('GetItem'), '{"Key":{"id":{"S":"x"}}}').status).to.equal(404);
    });

    const invalid: ReadonlyArray<readonly [string, string, string]> = [
      ['malformed JSON', 'PutItem', '{"Key":'],
      ['a JSON array', 'PutItem', '[]'],
      ['an empty body', 'GetItem', ''],
      ['no Item', 'PutItem', '{"Key":{"id":{"S":"x"}}}'],
      ['an attribute value of no known type', 'PutItem', '{"Key":{"id":{"S":"x"}},"Item":{"a":{"X":"1"}}}'],
      ['an attribute value with two types', 'PutItem', '{"Key":{"id":{"S":"x"}},"Item":{"a":{"S":"1","N":"1"}}}'],
      ['a number that is not one', 'PutItem', '{"Key":{"id":{"S":"x"}},"Item":{"a":{"N":"one"}}}'],
      ['a blob that is not Base64', 'PutItem', '{"Key":{"id":{"S":"x"}},"Item":{"a":{"B":"!!"}}}'],
      ['a key of two attributes', 'GetItem', '{"Key":{"a":{"S":"x"},"b":{"S":"y"}}}'],
      ['a boolean key', 'GetItem', '{"Key":{"a":{"BOOL":true}}}'],
      ['a key with a "/"', 'GetItem', '{"Key":{"a":{"S":"x/y"}}}'],
      ['AttributesToGet not a string', 'GetItem', '{"Key":{"id":{"S":"x"}},"AttributesToGet":["a"]}'],
      ['an unknown function', 'NoSuchFunction', '{}'],
      ['a function name from Object.prototype', 'constructor', '{}'],
    ];
    for (const [what, name, body] of invalid) {
      it(`${what}: 400`, () => {
        const response = send(createReference(), 'POST', table, fn(name), body);
        expect(response.status).to.equal(400);
        expect(json(response)).to.deep.equal({ ErrorCode: -201326592, ErrorMessage: 'InvalidArgumentException' });
      });
    }

    it('two X-v3io-function lines: 400', () => {
      const lines: Lines = [['X-v3io-function', 'GetItem'], ...fn('PutItem')];
      expect(send(createReference(), 'POST', table, lines, '{"Key":{"id":{"S":"x"}},"Item":{}}').status).to.equal(400);
    });
  });
});
