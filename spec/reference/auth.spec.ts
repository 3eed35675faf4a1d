/**
 * The authentication function, rule by rule.
 * @see /work/shared/spec/auth-requirements.md
 */
import { expect } from 'chai';
import { authenticate, MAX_HEADER_SECTION_SIZE, type AuthDecision } from '../../src/reference/auth.js';
import type { CredentialForm } from '../../src/reference/credentials.js';
import type { Identity } from '../../src/cases/reference-identities.js';
import { createIdentityDirectory } from '../../src/reference/identity-directory.js';
import { ALL_IDENTITIES, base64, basic, COLON, DENIED, MAIN, secretsOf, sigv2, sigv4, UNKNOWN_KEY, UTF8 } from './helpers.js';

const directory = createIdentityDirectory(ALL_IDENTITIES);

type Lines = ReadonlyArray<readonly [string, string]>;

function decide(lines: Lines, url = '/bigdata/object'): AuthDecision {
  return authenticate({ method: 'GET', url, rawHeaders: lines.flat() }, directory);
}

type Expected = { readonly identity: Identity; readonly form: CredentialForm } | { readonly status: 400 | 401 | 431 };

function expectDecision(decision: AuthDecision, expected: Expected): void {
  if ('status' in expected) {
    expect(decision.kind).to.equal('rejected');
    if (decision.kind === 'rejected') expect(decision.status).to.equal(expected.status);
  } else {
    expect(decision).to.deep.include({ kind: 'authenticated', form: expected.form });
    if (decision.kind === 'authenticated') expect(decision.identity.name).to.equal(expected.identity.name);
  }
}

const K = MAIN.accessKey;
const sessionKey = (value: string): [string, string] => ['X-v3io-session-key', value];
const authorization = (value: string): [string, string] => ['Authorization', value];
const MAIN_BASIC_TOKEN = base64(`${MAIN.username}:${MAIN.password}`);

/** [title, header lines, expected decision] */
type Row = readonly [string, Lines, Expected];

function table(rows: readonly Row[]): void {
  for (const [title, lines, expected] of rows) {
    it(title, () => expectDecision(decide(lines), expected));
  }
}

describe('reference authenticate()', () => {
  describe('every form authenticates every identity', () => {
    for (const identity of [MAIN, DENIED, COLON, UTF8]) {
      table([
        [`${identity.name}: X-v3io-session-key`, [sessionKey(identity.accessKey)], { identity, form: 'session-key' }],
        [`${identity.name}: AWS Signature V4 syntax`, [authorization(sigv4(identity.accessKey))], { identity, form: 'aws-sigv4' }],
        [`${identity.name}: AWS Signature V2 syntax`, [authorization(sigv2(identity.accessKey))], { identity, form: 'aws-sigv2' }],
        [`${identity.name}: Basic`, [authorization(basic(identity.username, identity.password))], { identity, form: 'basic' }],
      ]);
    }
    it('utf8: the RFC 7617 §2.1 token dGVzdDoxMjPCow== (test / 123£)', () => {
      expectDecision(decide([authorization('Basic dGVzdDoxMjPCow==')]), { identity: UTF8, form: 'basic' });
    });
    it('colon: the password is everything after the first colon', () => {
      expect(COLON.password).to.include(':');
      expectDecision(decide([authorization(`Basic ${base64('colonel:pa:ss:word')}`)]), { identity: COLON, form: 'basic' });
      expectDecision(decide([authorization(`Basic ${base64('colonel:pa')}`)]), { status: 401 });
    });
  });

  describe('X-v3io-session-key', () => {
    table([
      ['header name in lower case', [['x-v3io-session-key', K]], { identity: MAIN, form: 'session-key' }],
      ['header name in upper case', [['X-V3IO-SESSION-KEY', K]], { identity: MAIN, form: 'session-key' }],
      ['spaces and tabs around the value', [sessionKey(` \t${K}\t `)], { identity: MAIN, form: 'session-key' }],
      ['unknown key: 401', [sessionKey(UNKNOWN_KEY)], { status: 401 }],
      ['empty value: 401', [sessionKey('')], { status: 401 }],
      ['whitespace-only value: 401', [sessionKey(' \t ')], { status: 401 }],
      ['trailing junk after a space: 401', [sessionKey(`${K} x`)], { status: 401 }],
      ['trailing semicolon: 401', [sessionKey(`${K};`)], { status: 401 }],
      ['key in upper case: 401', [sessionKey(K.toUpperCase())], { status: 401 }],
      ['truncated key: 401', [sessionKey(K.slice(0, -1))], { status: 401 }],
      ['one character changed: 401', [sessionKey(`${K.slice(0, -1)}e`)], { status: 401 }],
      ['comma-joined list with a valid key first: 401', [sessionKey(`${K}, ${UNKNOWN_KEY}`)], { status: 401 }],
      ['obs-text bytes in the key: 401', [sessionKey(`${K}\u00e9\u00ff`)], { status: 401 }],
      ['a NUL inside the key: 401 (no truncation)', [sessionKey(`${K}\u0000junk`)], { status: 401 }],
      ['two lines, same key: 400', [sessionKey(K), sessionKey(K)], { status: 400 }],
      ['two lines, valid then unknown: 400', [sessionKey(K), sessionKey(UNKNOWN_KEY)], { status: 400 }],
      ['two lines, unknown then valid: 400', [sessionKey(UNKNOWN_KEY), sessionKey(K)], { status: 400 }],
      ['two lines in different letter case: 400', [['x-v3io-session-key', K], ['X-V3IO-SESSION-KEY', K]], { status: 400 }],
    ]);
  });

  describe('AWS Signature V4 syntax', () => {
    const AWS4_EXAMPLE =
      'AWS4-HMAC-SHA256 Credential=e8bd4ca2-537b-4175-bf01-8c74963e90bf/20190422/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=4708b8682367fff1ba5d33662a6a7bdbefa743b52e4744aedbd919ca73ce70f5';
    const ok: Expected = { identity: MAIN, form: 'aws-sigv4' };
    table([
      ["the documentation's example", [authorization(AWS4_EXAMPLE)], ok],
      ['a wrong signature, other SignedHeaders, date, region and service', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/20990101/eu-west-9/sqs/aws4_request, SignedHeaders=x, Signature=00`)], ok],
      ['"," separators without spaces', [authorization(sigv4(K, ','))], ok],
      ['scheme in lower case', [authorization(sigv4(K).replace('AWS4-HMAC-SHA256', 'aws4-hmac-sha256'))], ok],
      ['another AWS4- algorithm (SigV4a)', [authorization(sigv4(K).replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'))], ok],
      ['element names in another letter case', [authorization(`AWS4-HMAC-SHA256 credential=${K}/x, SIGNATURE=y`)], ok],
      ['Credential alone', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x`)], ok],
      ['Credential not first', [authorization(`AWS4-HMAC-SHA256 Signature=y, Credential=${K}/x`)], ok],
      ['an empty list element is ignored (RFC 9110 §5.6.1.2)', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, , Signature=y,`)], ok],
      ['spaces around "="', [authorization(`AWS4-HMAC-SHA256 Credential = ${K}/x`)], ok],
      ['several spaces after the scheme', [authorization(`AWS4-HMAC-SHA256   Credential=${K}/x`)], ok],
      ['unknown key: 401', [authorization(sigv4(UNKNOWN_KEY))], { status: 401 }],
      ['key in upper case: 401', [authorization(sigv4(K.toUpperCase()))], { status: 401 }],
      ['empty key (Credential=/2019...): 400', [authorization(sigv4(''))], { status: 400 }],
      ['Credential= with nothing: 400', [authorization('AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=x')], { status: 400 }],
      ['no Credential element: 400', [authorization('AWS4-HMAC-SHA256 SignedHeaders=host, Signature=x')], { status: 400 }],
      ['bare AWS4-HMAC-SHA256: 400', [authorization('AWS4-HMAC-SHA256')], { status: 400 }],
      ['bare scheme and spaces: 400', [authorization('AWS4-HMAC-SHA256    ')], { status: 400 }],
      ['scheme glued to the parameters: 400', [authorization(`AWS4-HMAC-SHA256Credential=${K}/20190422/us-east-1/s3/aws4_request`)], { status: 400 }],
      ['Credential=<key> without "/": 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}, Signature=x`)], { status: 400 }],
      ['two Credential elements, valid first: 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, Credential=${UNKNOWN_KEY}/x`)], { status: 400 }],
      ['two Credential elements, valid last: 400', [authorization(`AWS4-HMAC-SHA256 Credential=${UNKNOWN_KEY}/x, Credential=${K}/x`)], { status: 400 }],
      ['two Credential elements in different letter case: 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, credential=${K}/x`)], { status: 400 }],
      ['a duplicate Signature element: 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, Signature=a, Signature=b`)], { status: 400 }],
      ['Credential= only inside another element: 400', [authorization(`AWS4-HMAC-SHA256 SignedHeaders=Credential=${K}/x, Signature=y`)], { status: 400 }],
      ['an element without "=": 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, junk`)], { status: 400 }],
      ['an element name that is not a token: 400', [authorization(`AWS4-HMAC-SHA256 Credential=${K}/x, Sig nature=y`)], { status: 400 }],
    ]);
  });

  describe('AWS Signature V2 syntax', () => {
    const ok: Expected = { identity: MAIN, form: 'aws-sigv2' };
    table([
      ['a doc-style base64 signature', [authorization(sigv2(K))], ok],
      ['any signature', [authorization(sigv2(K, 'not-a-signature'))], ok],
      ['an empty signature', [authorization(`AWS ${K}:`)], ok],
      ['a signature with colons: split at the first one', [authorization(`AWS ${K}:a:b`)], ok],
      ['scheme in lower case', [authorization(sigv2(K).replace('AWS', 'aws'))], ok],
      ['several spaces after the scheme', [authorization(`AWS   ${K}:x`)], ok],
      ['unknown key: 401', [authorization(sigv2(UNKNOWN_KEY))], { status: 401 }],
      ['key in upper case: 401', [authorization(sigv2(K.toUpperCase()))], { status: 401 }],
      ['empty key (AWS :sig): 400', [authorization('AWS :sig')], { status: 400 }],
      ['AWS alone: 400', [authorization('AWS')], { status: 400 }],
      ['AWS <key> without a colon: 400', [authorization(`AWS ${K}`)], { status: 400 }],
      ['AWS<key>:sig without a space: 400', [authorization(`AWS${K}:sig`)], { status: 400 }],
    ]);
  });

  describe('Basic', () => {
    const ok: Expected = { identity: MAIN, form: 'basic' };
    const token = MAIN_BASIC_TOKEN;
    const unpadded = base64(`${MAIN.username}:${MAIN.password}x`);
    table([
      ['scheme "Basic"', [authorization(`Basic ${token}`)], ok],
      ['scheme "basic"', [authorization(`basic ${token}`)], ok],
      ['scheme "BASIC"', [authorization(`BASIC ${token}`)], ok],
      ['several spaces between scheme and token', [authorization(`Basic    ${token}`)], ok],
      ['spaces and tabs around the value', [authorization(` \tBasic ${token}\t `)], ok],
      ['wrong password: 401', [authorization(basic(MAIN.username, 'wrong-password'))], { status: 401 }],
      ['unknown user: 401', [authorization(basic('nobody', MAIN.password))], { status: 401 }],
      ["another identity's password: 401", [authorization(basic(MAIN.username, COLON.password))], { status: 401 }],
      ['username in another letter case: 401', [authorization(basic(MAIN.username.toUpperCase(), MAIN.password))], { status: 401 }],
      ['no colon after decoding: 400', [authorization(`Basic ${base64(`${MAIN.username}${MAIN.password}`)}`)], { status: 400 }],
      ['empty user-id: 401', [authorization(basic('', MAIN.password))], { status: 401 }],
      ['empty password: 401', [authorization(basic(MAIN.username, ''))], { status: 401 }],
      ['only a colon: 401', [authorization(`Basic ${base64(':')}`)], { status: 401 }],
      ['a token that is not Base64 (!!!!): 400', [authorization('Basic !!!!')], { status: 400 }],
      ['a valid token with !! appended: 400', [authorization(`Basic ${token}!!`)], { status: 400 }],
      ['base64url characters: 400', [authorization(`Basic ${base64('iguazio:conformance-Pa55>?>')}`.replace(/\+/g, '-').replace(/\//g, '_'))], { status: 400 }],
      ['a space inside the token: 400', [authorization(`Basic ${token.slice(0, 4)} ${token.slice(4)}`)], { status: 400 }],
      ['a tab inside the token: 400', [authorization(`Basic ${token.slice(0, 4)}\t${token.slice(4)}`)], { status: 400 }],
      ['unpadded Base64: 400', [authorization(`Basic ${unpadded.replace(/=+$/, '')}`)], { status: 400 }],
      ['an extra "=": 400', [authorization(`Basic ${unpadded}=`)], { status: 400 }],
      ['non-zero pad bits (non-canonical): 400', [authorization(`Basic ${unpadded.replace(/.(=+)$/, (_, pad: string) => `B${pad}`)}`)], { status: 400 }],
      ['Basic with no token: 400', [authorization('Basic')], { status: 400 }],
      ['Basic with only spaces: 400', [authorization('Basic     ')], { status: 400 }],
      ['a tab between scheme and token: 400', [authorization(`Basic\t${token}`)], { status: 400 }],
      ['auth-param syntax: 400', [authorization(`Basic user="${MAIN.username}", password="${MAIN.password}"`)], { status: 400 }],
      ['NUL inside the password, no truncation: 400', [authorization(basic(MAIN.username, `${MAIN.password}\u0000junk`))], { status: 400 }],
      ['a control character in the user-id: 400', [authorization(basic(`${MAIN.username}\u0001`, MAIN.password))], { status: 400 }],
      ['DEL in the password: 400', [authorization(basic(MAIN.username, `${MAIN.password}\u007f`))], { status: 400 }],
      ['a line feed in the password: 400', [authorization(basic(MAIN.username, `${MAIN.password}\n`))], { status: 400 }],
      ['bytes that are not UTF-8: 400', [authorization(`Basic ${Buffer.from([0x74, 0x65, 0x73, 0x74, 0x3a, 0x31, 0x32, 0x33, 0xa3]).toString('base64')}`)], { status: 400 }],
      ['a UTF-8 byte-order mark is kept, so the user is unknown: 401', [authorization(`Basic ${Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${MAIN.username}:${MAIN.password}`)]).toString('base64')}`)], { status: 401 }],
    ]);

    it('an unknown user and a wrong password are indistinguishable', () => {
      const wrongPassword = decide([authorization(basic(MAIN.username, 'wrong-password'))]);
      const unknownUser = decide([authorization(basic('nobody', 'wrong-password'))]);
      expect(wrongPassword).to.deep.equal(unknownUser);
    });
  });

  describe('cross-cutting', () => {
    table([
      ['no credentials: 401', [['Accept', '*/*']], { status: 401 }],
      ['no header at all: 401', [], { status: 401 }],
      ['Authorization: Bearer: 401', [authorization('Bearer abc')], { status: 401 }],
      ['Authorization: Digest: 401', [authorization('Digest username="iguazio", realm="v3io", nonce="x", uri="/", response="y"')], { status: 401 }],
      ['Authorization: Negotiate: 401', [authorization('Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg')], { status: 401 }],
      ['Authorization: HAHAHA: 401', [authorization('HAHAHA')], { status: 401 }],
      ['an empty Authorization value: 401', [authorization('')], { status: 401 }],
      ['a scheme that is not a token: 400', [authorization(`{Basic} ${MAIN_BASIC_TOKEN}`)], { status: 400 }],
      ['Authorization name in upper case', [['AUTHORIZATION', `Basic ${MAIN_BASIC_TOKEN}`]], { identity: MAIN, form: 'basic' }],
      ['credentials only in Proxy-Authorization: 401', [['Proxy-Authorization', `Basic ${MAIN_BASIC_TOKEN}`]], { status: 401 }],
      ['X_v3io_session_key (underscores): 401', [['X_v3io_session_key', K]], { status: 401 }],
      ['the key in a cookie: 401', [['Cookie', `X-v3io-session-key=${K}; access_key=${K}`]], { status: 401 }],
      ['two Authorization lines, valid then invalid: 400', [authorization(`Basic ${MAIN_BASIC_TOKEN}`), authorization('Bearer x')], { status: 400 }],
      ['two Authorization lines, invalid then valid: 400', [authorization('Bearer x'), authorization(`Basic ${MAIN_BASIC_TOKEN}`)], { status: 400 }],
      ['two identical valid Authorization lines: 400', [authorization(sigv4(K)), authorization(sigv4(K))], { status: 400 }],
      ['two Authorization lines in different letter case: 400', [['authorization', sigv2(K)], ['AUTHORIZATION', sigv2(K)]], { status: 400 }],
      ['session key and Authorization of the same identity', [sessionKey(K), authorization(`Basic ${MAIN_BASIC_TOKEN}`)], { identity: MAIN, form: 'basic' }],
      ['session key and Authorization of two identities: 400', [sessionKey(COLON.accessKey), authorization(`Basic ${MAIN_BASIC_TOKEN}`)], { status: 400 }],
      ['valid session key and an unknown Authorization key: 400', [sessionKey(K), authorization(sigv2(UNKNOWN_KEY))], { status: 400 }],
      ['valid session key and a malformed Authorization: 400', [sessionKey(K), authorization('Basic !!!!')], { status: 400 }],
      ['valid session key and an unsupported scheme: 400', [sessionKey(K), authorization('Bearer x')], { status: 400 }],
      ['valid Authorization and an empty session key: 400', [sessionKey(''), authorization(sigv4(K))], { status: 400 }],
      ['a 64 KiB session key: 431', [sessionKey(K.repeat(2000).slice(0, 65536))], { status: 431 }],
      ['a 64 KiB Authorization: 431', [authorization(`Basic ${'A'.repeat(65536)}`)], { status: 431 }],
      ['many small headers adding up to over 16 KiB: 431', [sessionKey(K), ...Array.from({ length: 40 }, (_, i): [string, string] => [`X-Filler-${i}`, 'f'.repeat(420)])], { status: 431 }],
    ]);

    it('a header section of exactly 16 KiB is not too large', () => {
      const name = 'X-Filler';
      const filler = 'f'.repeat(MAX_HEADER_SECTION_SIZE - name.length - 'X-v3io-session-key'.length - K.length);
      expectDecision(decide([sessionKey(K), [name, filler]]), { identity: MAIN, form: 'session-key' });
      expectDecision(decide([sessionKey(K), [name, `${filler}f`]]), { status: 431 });
    });

    it('the query string never carries credentials', () => {
      for (const url of [`/bigdata/object?X-v3io-session-key=${K}`, `/bigdata/object?access_key=${K}`, `/bigdata/object?Authorization=Basic%20${MAIN_BASIC_TOKEN}`]) {
        expectDecision(decide([], url), { status: 401 });
      }
    });
  });

  describe('reasons', () => {
    const rejected: Lines[] = [
      [sessionKey(UNKNOWN_KEY)],
      [sessionKey(`${K} x`)],
      [sessionKey(K), sessionKey(K)],
      [authorization(basic(MAIN.username, 'wrong-password'))],
      [authorization(basic(MAIN.username, `${MAIN.password}\u0000`))],
      [authorization(`Basic ${MAIN_BASIC_TOKEN}!!`)],
      [authorization(`AWS ${K}`)],
      [authorization(`AWS4-HMAC-SHA256 Credential=${K}`)],
      [authorization(`AWS4-HMAC-SHA256Credential=${K}/x`)],
      [sessionKey(COLON.accessKey), authorization(basic(MAIN.username, MAIN.password))],
    ];
    it('never contain the presented credential or any secret', () => {
      const secrets = [UNKNOWN_KEY, 'wrong-password', MAIN_BASIC_TOKEN, ...ALL_IDENTITIES.flatMap(secretsOf)];
      for (const lines of rejected) {
        const decision = decide(lines);
        expect(decision.kind, JSON.stringify(lines)).to.equal('rejected');
        if (decision.kind !== 'rejected') continue;
        expect(decision.reason).to.be.a('string').and.not.equal('');
        for (const secret of secrets) expect(decision.reason).to.not.include(secret);
      }
    });
  });
});
