/** The byte builder: declarative parts to the exact bytes sent, and the escaped preview `list` prints. */
import { expect } from 'chai';
import { runCliInProcess } from '../support/cli-in-process.js';
import { isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import type { WirePart } from '../../src/cases/model.js';
import { buildWireBytes, escapeWireText, latin1Bytes, wirePreview, wireTemplate } from '../../src/wire/bytes.js';
import { resolveTemplate } from '../../src/wire/template.js';

const PARTS: readonly WirePart[] = [
  { kind: 'request-line', method: 'GET', target: '/{{container}}/' },
  { kind: 'header', name: 'Host', value: '{{host}}' },
  { kind: 'header', name: 'X-v3io-session-key ', value: '{{accessKey}}\r\njunk\u0000\u00e9' },
  { kind: 'bytes', text: ' folded\r\n' },
  { kind: 'end' },
];

const VARIABLES = new Map([
  ['container', 'bigdata'],
  ['host', '127.0.0.1:8081'],
  ['accessKey', 'KEY'],
]);

describe('wire bytes', () => {
  it('writes the request line, each header line with ": " and CRLF, raw bytes as they are, and the final CRLF', () => {
    expect(wireTemplate(PARTS)).to.equal('GET /{{container}}/ HTTP/1.1\r\nHost: {{host}}\r\nX-v3io-session-key : {{accessKey}}\r\njunk\u0000\u00e9\r\n folded\r\n\r\n');
  });

  it('writes the version a request line names instead of HTTP/1.1', () => {
    expect(wireTemplate([{ kind: 'request-line', method: 'get', target: '/', version: 'HTTP/1.0' }, { kind: 'end' }])).to.equal('get / HTTP/1.0\r\n\r\n');
  });

  it('resolves the placeholders and sends one byte per character: CR, LF, NUL and obs-text as written', () => {
    const bytes = buildWireBytes(PARTS, VARIABLES);
    expect(bytes.equals(Buffer.concat([
      Buffer.from('GET /bigdata/ HTTP/1.1\r\nHost: 127.0.0.1:8081\r\nX-v3io-session-key : KEY\r\njunk', 'ascii'),
      Buffer.from([0x00, 0xe9]),
      Buffer.from('\r\n folded\r\n\r\n', 'ascii'),
    ]))).to.equal(true);
  });

  it('refuses a character with no one-byte form rather than sending something else', () => {
    expect(() => latin1Bytes('ok £ é')).to.not.throw();
    expect(() => latin1Bytes('price €')).to.throw(/U\+20AC at offset 6/);
    expect(() => buildWireBytes([{ kind: 'header', name: 'X', value: '{{v}}' }], new Map([['v', '😀']]))).to.throw(/U\+1F600/);
  });

  it('escapes everything but printable ASCII in the preview, unambiguously', () => {
    expect(escapeWireText('a\r\n\t\\b\u0000\u007f\u00a0\u00ff~')).to.equal('a\\r\\n\\t\\\\b\\x00\\x7f\\xa0\\xff~');
    expect(wirePreview(PARTS)).to.equal('GET /{{container}}/ HTTP/1.1\\r\\nHost: {{host}}\\r\\nX-v3io-session-key : {{accessKey}}\\r\\njunk\\x00\\xe9\\r\\n folded\\r\\n\\r\\n');
  });

  it('leaves unknown placeholders as written, as pm.variables.replaceIn does', () => {
    expect(resolveTemplate('{{a}}-{{b}}-{{ c }}', new Map([['a', '{{b}}'], ['b', 'B']]))).to.equal('B-B-{{ c }}');
  });

  it('prints every wire case\'s bytes, escaped and unresolved, with list --format json', async () => {
    const result = await runCliInProcess(['list', '--format', 'json']);
    expect(result.code).to.equal(0);
    const listed = JSON.parse(result.stdout) as { id: string; wire?: { bytes?: string } }[];
    const wireCases = CATALOGUE.filter(isWireCase);
    expect(listed.filter((c) => c.wire).map((c) => c.id)).to.deep.equal(wireCases.map((c) => c.id));
    for (const c of wireCases) {
      const bytes = listed.find((l) => l.id === c.id)?.wire?.bytes ?? '';
      expect(bytes, c.id).to.equal(wirePreview(c.wire.parts));
      expect(bytes, c.id).to.match(/^[\x20-\x7e]+$/);
      // The cases that name another Host, or none (bypass-host, HTTP/1.0 without Host), excepted.
      if (!['bypass-host', 'bypass-http-version'].includes(c.family)) expect(bytes, c.id).to.contain('{{host}}');
    }
    expect(listed.find((l) => l.id === 'session-key-wire-nul-after-key')?.wire?.bytes).to.contain('X-v3io-session-key: {{accessKey}}\\x00junk\\r\\n');
  });
});
