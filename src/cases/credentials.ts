/**
 * The credential vocabulary the case modules share: the seed sections they cite, a key no identity
 * has, and the Basic tokens derived from the main identity. Written once so that two modules cannot
 * mean the same credential with different bytes.
 */
import type { Derivation } from './model.js';

/** Sections of the seed document, as cases cite them in `sources`. */
export const SEED_HTTP_AUTH = 'seed §HTTP User Authentication';
export const SEED_SESSION_KEY = 'seed §X-v3io-session-key Authentication';
export const SEED_S3 = 'seed §S3-Like Authentications';
export const SEED_BASIC = 'seed §Basic HTTP Username/Password Authentication';

/** An access key of the right shape (a UUID) that no identity has. */
export const UNKNOWN_KEY = '00000000-0000-4000-8000-000000000000';

/** `{{basicToken}}`: the main identity's Basic token. */
export const BASIC_TOKEN: Derivation = { name: 'basicToken', from: '{{username}}:{{password}}', apply: [{ op: 'base64' }] };

/** `{{wrongPasswordToken}}`: the main user with a password no identity has. */
export const WRONG_PASSWORD_TOKEN: Derivation = {
  name: 'wrongPasswordToken',
  from: '{{username}}:wrong-password-v3io-auth-conformance',
  apply: [{ op: 'base64' }],
};

/** `{{truncatedKey}}`: the main key with its last character removed. */
export const TRUNCATED_KEY: Derivation = { name: 'truncatedKey', from: '{{accessKey}}', apply: [{ op: 'drop-last-char' }] };

/** `{{changedKey}}`: the main key with its last character changed, a key of the right shape that no identity has. */
export const CHANGED_KEY: Derivation = { name: 'changedKey', from: '{{accessKey}}', apply: [{ op: 'change-last-char' }] };

/** `{{swappedKey}}`: the main key in another letter case. */
export const SWAPPED_KEY: Derivation = { name: 'swappedKey', from: '{{accessKey}}', apply: [{ op: 'other-case' }] };
