/**
 * DeleteObjects: `POST /<container>/?delete` with `<Delete><Object><Key>…</Key></Object>…</Delete>`
 * deletes each key as `DELETE /<container>/<key>` would (a key ending in `/` names a directory,
 * deleted only when empty), and answers S3's `DeleteResult`: a key that does not exist counts as
 * deleted, as in S3; `<Quiet>true</Quiet>` lists only the errors. An object naming a `VersionId`
 * is not deleted and is reported NotImplemented (objects have no versions here). At most 1,000
 * keys, as S3.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
import { objectOperation } from './objects.js';
import { xmlResponse, type ReferenceResponse } from './responses.js';
import { s3ErrorResponse } from './s3-errors.js';
import { childrenOf, element, elementsOf, unescapeXml, XML_DECLARATION } from './s3-xml.js';
import type { Store } from './store.js';

const MAX_OBJECTS = 1000;

interface DeleteList {
  readonly quiet: boolean;
  readonly objects: ReadonlyArray<{ readonly key: string; readonly versionId?: string }>;
}

function parseDeleteList(body: Buffer): DeleteList | undefined {
  const children = childrenOf(body.toString('utf8'), 'Delete');
  if (!children) return undefined;
  let quiet = false;
  const objects: Array<{ key: string; versionId?: string }> = [];
  for (const [name, inner] of children) {
    if (name === 'Quiet') {
      const value = unescapeXml(inner)?.trim();
      if (value !== 'true' && value !== 'false') return undefined;
      quiet = value === 'true';
      continue;
    }
    if (name !== 'Object') return undefined;
    const fields = elementsOf(inner);
    if (!fields) return undefined;
    const object: { key?: string; versionId?: string } = {};
    for (const [field, text] of fields) {
      const value = unescapeXml(text);
      if (value === undefined) return undefined;
      if (field === 'Key') object.key = value;
      else if (field === 'VersionId') object.versionId = value;
      // ETag, LastModifiedTime and Size are conditions S3 checks on directory buckets only.
      else if (field !== 'ETag' && field !== 'LastModifiedTime' && field !== 'Size') return undefined;
    }
    if (object.key === undefined || object.key === '') return undefined;
    objects.push(object.versionId === undefined ? { key: object.key } : { key: object.key, versionId: object.versionId });
  }
  return objects.length === 0 || objects.length > MAX_OBJECTS ? undefined : { quiet, objects };
}

/** The outcome of deleting one key, as DeleteResult reports it. */
function deleteOne(store: Store, container: string, key: string): { readonly code: string; readonly message: string } | undefined {
  const segments = key.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((segment) => segment === '.' || segment === '..')) {
    return { code: 'InvalidArgument', message: 'The key is not a valid path.' };
  }
  const target = { container, path: segments.join('/'), isDirectory: key.endsWith('/'), query: new URLSearchParams() };
  const { status } = objectOperation(store, { method: 'DELETE', rawHeaders: [], body: Buffer.alloc(0), container, target });
  if (status === 200 || status === 404) return undefined;
  if (status === 409) return { code: 'DirectoryNotEmpty', message: 'The directory is not empty.' };
  return { code: 'InternalError', message: `The delete was answered ${status}.` };
}

export function deleteObjects(store: Store, container: string, body: Buffer): ReferenceResponse {
  const list = parseDeleteList(body);
  if (!list) return s3ErrorResponse(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const results = list.objects.map(({ key, versionId }) => {
    const failure =
      versionId === undefined ? deleteOne(store, container, key) : { code: 'NotImplemented', message: 'The emulator does not implement object versions; nothing was deleted.' };
    if (failure) return `<Error>${element('Key', key)}${versionId === undefined ? '' : element('VersionId', versionId)}${element('Code', failure.code)}${element('Message', failure.message)}</Error>`;
    return list.quiet ? '' : `<Deleted>${element('Key', key)}</Deleted>`;
  });
  return xmlResponse(`${XML_DECLARATION}<DeleteResult>${results.join('')}</DeleteResult>`);
}
