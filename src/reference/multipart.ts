/**
 * Multipart uploads, implemented because every S3 command-line upload over 8 MiB is one (the AWS
 * CLI's and boto3's default threshold, rclone's and s3cmd's alike): CreateMultipartUpload
 * (`POST ?uploads`), UploadPart (`PUT ?partNumber=&uploadId=`), CompleteMultipartUpload
 * (`POST ?uploadId=` with the list of parts) and AbortMultipartUpload (`DELETE ?uploadId=`).
 * Nothing is visible at the key until the upload completes. ListParts, ListMultipartUploads and
 * UploadPartCopy are refused (s3-subresources.ts). Parts live in memory until the upload is
 * completed or aborted; S3's rules hold: part numbers 1 to 10,000, every part but the last at
 * least 5 MiB, the list in ascending order and each part's ETag as UploadPart returned it. The
 * completed object's ETag is the MD5 of its bytes, like every object of the emulator (S3's is
 * `<MD5 of the parts' MD5s>-<count>`; clients do not check it).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 */
import { randomUUID } from 'node:crypto';
import { entityTag, validators } from './object-validators.js';
import { respond, type ReferenceResponse } from './responses.js';
import { s3ErrorResponse } from './s3-errors.js';
import { childrenOf, element, elementsOf, unescapeXml, XML_DECLARATION } from './s3-xml.js';
import type { Store, StoredEntry } from './store.js';

export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

interface Upload {
  readonly container: string;
  readonly path: string;
  readonly contentType: string;
  readonly parts: Map<number, { readonly bytes: Buffer; readonly etag: string }>;
}

export interface MultipartUploads {
  create(container: string, path: string, contentType: string): ReferenceResponse;
  uploadPart(container: string, path: string, query: URLSearchParams, bytes: Buffer): ReferenceResponse;
  /** Checks the parts list; on success `commit` stores the object (the caller's preconditions run first). */
  complete(container: string, path: string, query: URLSearchParams, body: Buffer): { readonly kind: 'ready'; commit(store: Store): ReferenceResponse } | { readonly kind: 'refused'; readonly response: ReferenceResponse };
  abort(container: string, path: string, query: URLSearchParams): ReferenceResponse;
  /** Uploads in progress, for tests. */
  readonly size: number;
}

const NO_SUCH_UPLOAD = (): ReferenceResponse =>
  s3ErrorResponse(404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

function xml(body: string): ReferenceResponse {
  return respond(200, { 'Content-Type': 'application/xml' }, Buffer.from(`${XML_DECLARATION}${body}`, 'utf8'));
}

const MALFORMED = (): ReferenceResponse =>
  s3ErrorResponse(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');

/** The `(PartNumber, ETag)` list of a CompleteMultipartUpload body; `undefined` if it is not one. */
function partsList(body: Buffer): Array<{ readonly number: number; readonly etag: string }> | undefined {
  const children = childrenOf(body.toString('utf8'), 'CompleteMultipartUpload');
  if (!children || children.length === 0) return undefined;
  const parts: Array<{ readonly number: number; readonly etag: string }> = [];
  for (const [name, inner] of children) {
    if (name !== 'Part') return undefined;
    const fields = elementsOf(inner);
    if (!fields) return undefined;
    const values = new Map<string, string>();
    for (const [field, text] of fields) {
      const value = unescapeXml(text);
      if (value === undefined) return undefined;
      // Checksums of the parts (ChecksumCRC32, ...) were checked when each part arrived.
      values.set(field, value.trim());
    }
    const number = values.get('PartNumber');
    const etag = values.get('ETag');
    if (number === undefined || !/^[0-9]{1,5}$/.test(number) || etag === undefined) return undefined;
    parts.push({ number: Number(number), etag: etag.replace(/^"(.*)"$/, '$1') });
  }
  return parts;
}

export function createMultipartUploads(): MultipartUploads {
  const uploads = new Map<string, Upload>();
  const find = (container: string, path: string, query: URLSearchParams): Upload | undefined => {
    const upload = uploads.get(query.get('uploadId') ?? '');
    return upload && upload.container === container && upload.path === path ? upload : undefined;
  };

  return {
    create(container, path, contentType) {
      const id = randomUUID();
      uploads.set(id, { container, path, contentType, parts: new Map() });
      return xml(`<InitiateMultipartUploadResult>${element('Bucket', container)}${element('Key', path)}${element('UploadId', id)}</InitiateMultipartUploadResult>`);
    },

    uploadPart(container, path, query, bytes) {
      const numberText = query.get('partNumber') ?? '';
      const number = Number(numberText);
      if (!/^[0-9]{1,5}$/.test(numberText) || number < 1 || number > MAX_PART_NUMBER) {
        return s3ErrorResponse(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
      }
      const upload = find(container, path, query);
      if (!upload) return NO_SUCH_UPLOAD();
      const etag = entityTag(bytes);
      upload.parts.set(number, { bytes, etag });
      return respond(200, { ETag: etag });
    },

    complete(container, path, query, body) {
      const upload = find(container, path, query);
      if (!upload) return { kind: 'refused', response: NO_SUCH_UPLOAD() };
      const listed = partsList(body);
      if (!listed) return { kind: 'refused', response: MALFORMED() };
      for (let i = 1; i < listed.length; i += 1) {
        if (listed[i]!.number <= listed[i - 1]!.number) {
          return { kind: 'refused', response: s3ErrorResponse(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.') };
        }
      }
      const chosen: Buffer[] = [];
      for (const [index, { number, etag }] of listed.entries()) {
        const part = upload.parts.get(number);
        if (!part || part.etag !== `"${etag}"`) {
          return { kind: 'refused', response: s3ErrorResponse(400, 'InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part\'s entity tag.') };
        }
        if (index < listed.length - 1 && part.bytes.length < MIN_PART_SIZE) {
          return { kind: 'refused', response: s3ErrorResponse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.') };
        }
        chosen.push(part.bytes);
      }
      return {
        kind: 'ready',
        commit(store) {
          const entry: StoredEntry = {
            body: Buffer.concat(chosen),
            contentType: upload.contentType,
            attributes: store.get(container, path)?.attributes ?? {},
            lastModified: new Date(),
          };
          store.put(container, path, entry);
          uploads.delete(query.get('uploadId')!);
          const { ETag: etag } = validators(entry);
          return xml(
            `<CompleteMultipartUploadResult>${element('Location', `/${container}/${path}`)}${element('Bucket', container)}${element('Key', path)}${element('ETag', etag!)}</CompleteMultipartUploadResult>`,
          );
        },
      };
    },

    abort(container, path, query) {
      const upload = find(container, path, query);
      if (!upload) return NO_SUCH_UPLOAD();
      uploads.delete(query.get('uploadId')!);
      return respond(200, {});
    },

    get size() {
      return uploads.size;
    },
  };
}
