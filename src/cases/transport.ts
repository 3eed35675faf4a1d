/**
 * Transport cases: properties of the connection rather than of a request (auth-requirements.md,
 * "HTTPS"), measured by the runner on a real target of the case's protocol, after the requests:
 * its own TLS handshakes for the versions (RFC 8996), and the Strict-Transport-Security header
 * over every response the run got (RFC 6797). The embedded reference has no transport to judge.
 *
 * Their ids start with the protocol they apply to, not a form's prefix: they are named after what
 * they measure, and have been since before they were catalogue entries.
 */
import { EVERY_PROFILE, type TransportCase } from './model.js';
import { requirementSentences } from './requirements.js';

const R = requirementSentences('transport');

const common = { kind: 'transport', form: 'cross-cutting', profiles: EVERY_PROFILE, family: 'transport' } as const;

export const TRANSPORT_CASES: readonly TransportCase[] = [
  {
    ...common,
    id: 'https-tls-minimum-version',
    title: 'negotiates TLS 1.2 or later and refuses TLS 1.0 and 1.1',
    requirement: R.tlsVersion,
    level: 'should',
    sources: ['RFC 8996', 'seed §HTTPS Requests', 'RFC 9110 §17.16'],
    probe: 'tls-minimum-version',
    protocol: 'https',
    expect: { outcome: 'reject' },
  },
  {
    ...common,
    id: 'https-strict-transport-security',
    title: 'sends Strict-Transport-Security over HTTPS',
    requirement: R.stsOverHttps,
    level: 'may',
    sources: ['RFC 6797', 'seed §HTTPS Requests'],
    probe: 'strict-transport-security',
    protocol: 'https',
    expect: { outcome: 'accept' },
  },
  {
    ...common,
    id: 'http-no-strict-transport-security',
    title: 'sends no Strict-Transport-Security over plain HTTP',
    requirement: R.noStsOverHttp,
    level: 'must',
    sources: ['RFC 6797 §7.2'],
    probe: 'no-strict-transport-security',
    protocol: 'http',
    expect: { outcome: 'accept' },
  },
];
