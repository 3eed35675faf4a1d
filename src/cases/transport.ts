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
import { transportCaseBuilder } from './case-builder.js';

const transportCase = transportCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: ['transport'] });

export const TRANSPORT_CASES: readonly TransportCase[] = [
  transportCase({
    id: 'https-tls-minimum-version',
    family: 'transport',
    title: 'negotiates TLS 1.2 or later and refuses TLS 1.0 and 1.1',
    requirement: 'tlsVersion',
    probe: 'tls-minimum-version',
    protocol: 'https',
    expect: { outcome: 'reject' },
  }),
  transportCase({
    id: 'https-strict-transport-security',
    family: 'transport',
    title: 'sends Strict-Transport-Security over HTTPS',
    requirement: 'stsOverHttps',
    probe: 'strict-transport-security',
    protocol: 'https',
    expect: { outcome: 'accept' },
  }),
  transportCase({
    id: 'http-no-strict-transport-security',
    family: 'transport',
    title: 'sends no Strict-Transport-Security over plain HTTP',
    requirement: 'noStsOverHttp',
    probe: 'no-strict-transport-security',
    protocol: 'http',
    expect: { outcome: 'accept' },
  }),
];
