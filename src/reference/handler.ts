/**
 * The reference implementation of the V3IO web API: authentication first, before anything else
 * can answer (404, 405, 400 of the operation, ...), then permission on the container, then the
 * operation, on in-memory data. Both the embedded mode (nock) and the HTTP server call `handle`.
 *
 * Routing only: the operations live in one module per family — `container-listing.ts`,
 * `objects.ts`, the `X-v3io-function` table of `functions.ts`, and the S3 sub-resources and copy
 * headers of `s3-operations.ts`.
 */
import { authenticate, type AuthFn } from './auth.js';
import { listContainer } from './container-listing.js';
import { callFunction } from './functions.js';
import { headerValues } from './header-lines.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES, type Identity } from '../cases/reference-identities.js';
import { createIdentityDirectory } from './identity-directory.js';
import { listAllMyBucketsXml } from './listings.js';
import { createMultipartUploads } from './multipart.js';
import { objectOperation } from './objects.js';
import { parseRequestTarget } from './request-target.js';
import { CONTAINER_NOT_FOUND, errorResponse, v3ioErrorResponse, withoutBody, xmlResponse, type ReferenceResponse } from './responses.js';
import { s3Operation, withResponseOverrides } from './s3-operations.js';
import { createStore } from './store.js';

export type { ReferenceResponse } from './responses.js';

export interface ReferenceRequest {
  readonly method: string;
  /** Origin-form target, as Node's `req.url`. */
  readonly url: string;
  /** Node's flat `[name, value, ...]` form, every line as sent. */
  readonly rawHeaders: readonly string[];
  /** The reference may keep it (a PUT stores it as it is): the caller must not change it afterwards. */
  readonly body: Buffer;
}

export interface ReferenceOptions {
  /** Default: the identities of `identities.ts`. */
  readonly identities?: readonly Identity[];
  /** The one container served. Default: `bigdata`. */
  readonly container?: string;
  /** Default: the real `authenticate`; tests plug deliberately broken ones in. */
  readonly authenticate?: AuthFn;
}

export interface Reference {
  handle(request: ReferenceRequest): ReferenceResponse;
}

export function createReference(options: ReferenceOptions = {}): Reference {
  const directory = createIdentityDirectory(options.identities ?? Object.values(REFERENCE_IDENTITIES));
  const store = createStore([options.container ?? REFERENCE_CONTAINER]);
  const uploads = createMultipartUploads();
  const auth = options.authenticate ?? authenticate;

  function route(request: ReferenceRequest): ReferenceResponse {
    const decision = auth({ method: request.method, url: request.url, rawHeaders: request.rawHeaders }, directory);
    if (decision.kind === 'rejected') return errorResponse(decision.status);
    const { identity } = decision;
    const target = parseRequestTarget(request.url);
    if (!target) return errorResponse(400);
    // HEAD is GET without the body (removed in `handle`).
    const method = request.method === 'HEAD' ? 'GET' : request.method;

    if (target.container === undefined) {
      if (method !== 'GET') return errorResponse(405, { Allow: 'GET, HEAD' });
      const permitted = store.containers().filter((c) => mayUse(identity, c.name));
      return xmlResponse(listAllMyBucketsXml(identity.name, permitted));
    }
    const { container } = target;
    if (!mayUse(identity, container)) return errorResponse(403);
    // Not the "No such file or directory" of a missing path: the SDKs show the message, and a
    // mistyped container is the usual cause.
    if (!store.container(container)) return v3ioErrorResponse(404, CONTAINER_NOT_FOUND.code, CONTAINER_NOT_FOUND.message);

    const functionNames = headerValues(request.rawHeaders, 'x-v3io-function');
    if (functionNames.length > 1) return errorResponse(400);
    const [functionName] = functionNames;
    if (functionName !== undefined && (method === 'POST' || method === 'PUT')) {
      return callFunction(functionName.trim(), { store, container, target, body: request.body });
    }
    // An S3 sub-resource or copy header: its operation, or a 501 that changes nothing.
    const mayUseContainer = (name: string): boolean => mayUse(identity, name);
    const s3 = s3Operation({ method, rawHeaders: request.rawHeaders, body: request.body, container, target, store, uploads, mayUse: mayUseContainer });
    if (s3) return s3;
    if (target.path !== '') {
      const response = objectOperation(store, { method, rawHeaders: request.rawHeaders, body: request.body, container, target });
      return method === 'GET' && target.query.size > 0 ? withResponseOverrides(response, target.query) : response;
    }
    // GET Container; HEAD Container (the same without the body) checks existence and permission.
    if (method !== 'GET') return errorResponse(405, { Allow: 'GET, HEAD' });
    return listContainer(store, container, target);
  }

  return {
    handle(request) {
      let response: ReferenceResponse;
      try {
        response = route(request);
      } catch {
        // Never a stack trace or request data in the answer.
        response = errorResponse(500);
      }
      return request.method === 'HEAD' ? withoutBody(response) : response;
    },
  };
}

function mayUse(identity: Identity, container: string): boolean {
  return identity.containers === '*' || identity.containers.includes(container);
}
