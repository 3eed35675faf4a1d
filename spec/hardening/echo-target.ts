/**
 * A target that echoes everything it receives in its rejections: the reference (with the given
 * identities) whose 4xx answers carry the request line, every header line and the Basic
 * credentials decoded, JSON-escaped, HTML-escaped, XML-escaped and URL-encoded, and the credential
 * header values again in a response header. What such a server sends back is what a report must
 * mask in every spelling.
 */
import { createReference, type Reference, type ReferenceRequest } from '../../src/reference/handler.js';
import type { Identity } from '../../src/cases/reference-identities.js';
import { respond } from '../../src/reference/responses.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';

const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|x-v3io-session-key)$/i;

function decodedBasic(rawHeaders: readonly string[]): string[] {
  const decoded: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const match = /^\s*basic\s+(\S+)/i.exec(rawHeaders[i + 1] ?? '');
    if (!match?.[1]) continue;
    const bytes = Buffer.from(match[1], 'base64');
    decoded.push(bytes.toString('utf8'), bytes.toString('latin1'));
  }
  return decoded;
}

const xmlEscape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function echoOf(request: ReferenceRequest): { body: Buffer; header: string } {
  const decoded = decodedBasic(request.rawHeaders);
  const lines = [`${request.method} ${request.url}`, ...request.rawHeaders, ...decoded];
  const text = lines.join('\n');
  const body = JSON.stringify({
    ErrorCode: -13,
    ErrorMessage: `invalid credentials ${decoded.join(' ')}`,
    echo: lines,
    html: `<p>${text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`)}</p>`,
    xml: `<Echo>${xmlEscape(text)}</Echo>`,
    urlEncoded: lines.map(encodeURIComponent).join('&'),
  });
  const credentialValues: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (CREDENTIAL_HEADERS.test(request.rawHeaders[i] ?? '')) credentialValues.push(request.rawHeaders[i + 1] ?? '');
  }
  // Header values as received are Latin-1 strings: sent back as they are, minus what cannot be a field value.
  const header = credentialValues.join(' | ').replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 4000);
  return { body: Buffer.from(body, 'utf8'), header };
}

export function echoingReference(identities: readonly Identity[]): Reference {
  const inner = createReference({ identities });
  return {
    handle: (request) => {
      const response = inner.handle(request);
      if (response.status < 400) return response;
      const echo = echoOf(request);
      const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
      return respond(response.status, { ...headers, 'Content-Type': 'application/json', 'X-Echo-Credential': echo.header }, echo.body);
    },
  };
}

export function startEchoingTarget(identities: readonly Identity[]): Promise<ReferenceServer> {
  return startReferenceServer({ port: 0, reference: echoingReference(identities), errorLog: () => {} });
}
