/**
 * The reference implementation's default identities. They are test fixtures, published in
 * `environments/reference.postman_environment.json`, not secrets. Data below every folder: the
 * reference serves them and the generator writes them into the reference environment.
 */

/** A user of the reference: one access key, one username/password, the containers it may use. */
export interface Identity {
  /** Short name for logs (never a secret). */
  readonly name: string;
  readonly accessKey: string;
  readonly username: string;
  readonly password: string;
  /** Containers this identity may read and write; `'*'` for all. */
  readonly containers: readonly string[] | '*';
}

/** The container the reference serves and the reference environment names. */
export const REFERENCE_CONTAINER = 'bigdata';

export const REFERENCE_IDENTITIES = {
  /** The main user: every case's valid credentials. The access key is the docs' example key. */
  main: {
    name: 'main',
    accessKey: 'e8bd4ca2-537b-4175-bf01-8c74963e90bf',
    username: 'iguazio',
    password: 'conformance-Pa55',
    containers: '*',
  },
  /** Valid credentials, no permission on any container: 403 cases. */
  denied: {
    name: 'denied',
    accessKey: '0b5d7a44-3c1e-4f7a-9d62-6a1f2e9c8b30',
    username: 'outsider',
    password: 'outsider-Pa55',
    containers: [],
  },
  /** RFC 7617 §2: the password is everything after the first colon. */
  colon: {
    name: 'colon',
    accessKey: '7c2e9f10-5b4d-4e8a-b3c6-1d0f9a8e7b62',
    username: 'colonel',
    password: 'pa:ss:word',
    containers: '*',
  },
  /** RFC 7617 §2.1's example user: test / 123£ (UTF-8). */
  utf8: {
    name: 'utf8',
    accessKey: '3a9d1c7e-2f4b-4c8d-a6e5-9b0c1d2e3f40',
    username: 'test',
    password: '123£',
    containers: '*',
  },
} as const satisfies Record<string, Identity>;
