/**
 * Wire cases on what a connection remembers: two requests on one keep-alive connection (RFC 9112
 * §9.3), the second sent once the first is answered, and judged. Authentication is a property of
 * each request (RFC 9110 §11.6.2: credentials are sent with each request), so a server that
 * remembers the last good credential of a connection, or memoises a result under a near key, lets
 * the second request in on the first one's credential; one that poisons a connection after a
 * rejection refuses a valid request.
 *
 * Levels: MUST where the second request carries no valid credential of the identity it would act
 * as; SHOULD where it does (a valid request after a rejection), since a server may close a
 * connection after any response (RFC 9112 §9.6) and then the second request goes unanswered.
 */
import { EVERY_PROFILE, V3IO_ONLY, type WireCase, type Derivation, type Expectation, type OptionalVariable, type ProfileId, type WirePart } from './model.js';
import { CLOSE, END, HOST, REQUEST_LINE, header } from './wire.js';
import { wireCaseBuilder } from './case-builder.js';
import type { RequirementName } from './requirements.js';
import { BASIC_TOKEN, CHANGED_KEY, SEED_BASIC as BASIC_SEED, SEED_SESSION_KEY as SESSION_KEY_SEED, WRONG_PASSWORD_TOKEN } from './credentials.js';

const SOURCES = ['RFC 9110 §11.6.2', 'RFC 9112 §9.3'];

const crossWire = wireCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['connection-reuse'] });

const sessionKey = (value: string): WirePart => header('X-v3io-session-key', value);
const authorization = (value: string): WirePart => header('Authorization', value);

/** Two requests of the listing on one connection: the first kept alive, the second closing it. */
function twoRequests(first: readonly WirePart[], second: readonly WirePart[]): readonly WirePart[] {
  return [REQUEST_LINE, HOST, ...first, END, REQUEST_LINE, HOST, ...second, CLOSE, END];
}

interface ReuseSpec {
  readonly name: string;
  readonly profiles: readonly ProfileId[];
  readonly title: string;
  readonly requirement: RequirementName<'connection-reuse'>;
  /** The seed section of the credential the case sends, where its requirement does not cite it. */
  readonly seed?: string;
  readonly first: readonly WirePart[];
  readonly second: readonly WirePart[];
  readonly derive?: readonly Derivation[];
  readonly requires?: readonly OptionalVariable[];
  readonly expect: Expectation;
  readonly validCredential: boolean;
}

function reuseCase(spec: ReuseSpec): WireCase {
  return crossWire({
    profiles: spec.profiles,
    name: spec.name,
    family: 'connection-reuse',
    title: spec.title,
    requirement: spec.requirement,
    ...(spec.seed ? { sources: [...SOURCES, spec.seed] } : {}),
    parts: twoRequests(spec.first, spec.second),
    ...(spec.derive ? { derive: spec.derive } : {}),
    ...(spec.requires ? { requires: spec.requires } : {}),
    expect: spec.expect,
    validCredential: spec.validCredential,
  });
}

export const CONNECTION_REUSE_CASES: readonly WireCase[] = [
  reuseCase({
    name: 'valid-key-then-no-credentials',
    profiles: V3IO_ONLY,
    title: 'rejects a request without credentials after a valid access key on the same connection',
    requirement: 'remembered',
    seed: SESSION_KEY_SEED,
    first: [sessionKey('{{accessKey}}')],
    second: [],
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),
  reuseCase({
    name: 'valid-key-then-changed-key',
    profiles: V3IO_ONLY,
    title: 'rejects the access key with its last character changed after the valid key on the same connection',
    requirement: 'remembered',
    seed: SESSION_KEY_SEED,
    first: [sessionKey('{{accessKey}}')],
    second: [sessionKey('{{changedKey}}')],
    derive: [CHANGED_KEY],
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),
  reuseCase({
    name: 'valid-basic-then-wrong-password',
    profiles: EVERY_PROFILE,
    title: 'rejects a wrong password after valid Basic credentials of the same user on the same connection',
    requirement: 'remembered',
    seed: BASIC_SEED,
    first: [authorization('Basic {{basicToken}}')],
    second: [authorization('Basic {{wrongPasswordToken}}')],
    derive: [BASIC_TOKEN, WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),
  reuseCase({
    name: 'valid-basic-then-no-credentials',
    profiles: EVERY_PROFILE,
    title: 'rejects a request without credentials after valid Basic credentials on the same connection',
    requirement: 'remembered',
    seed: BASIC_SEED,
    first: [authorization('Basic {{basicToken}}')],
    second: [],
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),
  reuseCase({
    name: 'main-key-then-denied-key',
    profiles: V3IO_ONLY,
    title: 'rejects an identity without permission after the main identity on the same connection',
    requirement: 'identity',
    first: [sessionKey('{{accessKey}}')],
    second: [sessionKey('{{deniedAccessKey}}')],
    requires: ['deniedAccessKey'],
    expect: { outcome: 'forbidden' },
    validCredential: false,
  }),
  reuseCase({
    name: 'unknown-key-then-valid-key',
    profiles: V3IO_ONLY,
    title: 'accepts a valid access key after an unknown one was rejected on the same connection',
    requirement: 'afterRejection',
    seed: SESSION_KEY_SEED,
    first: [sessionKey('{{changedKey}}')],
    second: [sessionKey('{{accessKey}}')],
    derive: [CHANGED_KEY],
    expect: { outcome: 'accept' },
    validCredential: true,
  }),
  reuseCase({
    name: 'wrong-password-then-valid-basic',
    profiles: EVERY_PROFILE,
    title: 'accepts valid Basic credentials after a wrong password was rejected on the same connection',
    requirement: 'afterRejection',
    seed: BASIC_SEED,
    first: [authorization('Basic {{wrongPasswordToken}}')],
    second: [authorization('Basic {{basicToken}}')],
    derive: [WRONG_PASSWORD_TOKEN, BASIC_TOKEN],
    expect: { outcome: 'accept' },
    validCredential: true,
  }),
];
