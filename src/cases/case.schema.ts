/**
 * JSON Schema (draft-07) of one `ConformanceCase` record, as http-tests/cache-tests validates
 * its catalogue: `additionalProperties: false` on every object, so that a misspelt field is an
 * error rather than silently ignored. `JSON.stringify(CASE_SCHEMA)` is the schema as a file.
 * `kind` decides which fields a case has, as the union type does: an HTTP case its `request`, a
 * wire case its `operation` and `wire`, a transport case its `probe` and `protocol`, and none the others'.
 *
 * The enumerations come from `model.ts`, so the schema cannot drift from the types.
 */
import { CASE_KINDS, FORMS, FORM_TABLE, LEVELS, OPERATION_IDS, OPTIONAL_VARIABLES, OUTCOME_CLASSES, PROFILES, REQUIRED_VARIABLES, TRANSPORT_PROBES, TRANSPORT_PROTOCOLS } from './model.js';

/** RFC 9110 §5.6.2 token: header names and methods. */
const TOKEN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
const KEBAB = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** The id prefixes of the forms, without their trailing hyphen, as a regular-expression alternation. */
const PREFIX_ALTERNATION = FORMS.map((f) => FORM_TABLE[f].idPrefix.slice(0, -1)).join('|');

/** The fields only one kind has: every other kind has none of them. */
const OWN_FIELDS = { http: ['request'], wire: ['operation', 'wire'], transport: ['probe', 'protocol'] } as const;

/** A condition on the case's kind, for `if`. */
const kindIs = (...kinds: readonly string[]) => ({ type: 'object', required: ['kind'], properties: { kind: { enum: kinds } } }) as const;

/** The fields of a kind: its own allowed (their schemas are the top level's), the other kinds' forbidden. */
const kindFields = (kind: keyof typeof OWN_FIELDS) =>
  Object.fromEntries(CASE_KINDS.flatMap((k) => OWN_FIELDS[k].map((field) => [field, k === kind])));

export const CASE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:v3io-auth-conformance:case',
  title: 'ConformanceCase',
  description: 'One conformance case of the V3IO web-API authentication suite.',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'form', 'profiles', 'family', 'title', 'requirement', 'level', 'sources', 'expect'],
  properties: {
    kind: { description: 'http: sent through an HTTP client; wire: sent byte for byte over a raw socket; transport: measured by the runner.', enum: CASE_KINDS },
    id: {
      description: 'Stable kebab-case id, prefixed by the short name of its form (a transport case: by its protocol).',
      type: 'string',
      pattern: KEBAB,
    },
    form: { enum: FORMS },
    profiles: {
      description: 'The profiles whose runs include the case; every case is in the v3io profile.',
      type: 'array',
      items: { enum: PROFILES },
      uniqueItems: true,
      contains: { const: 'v3io' },
    },
    family: { description: 'Row of the conformance matrix.', type: 'string', pattern: KEBAB },
    title: {
      description: 'A behaviour, starting with a verb: "accepts ...", "rejects ...".',
      type: 'string',
      pattern: '^[a-z]+s \\S',
    },
    requirement: { type: 'string', minLength: 10 },
    level: { enum: LEVELS },
    sources: {
      description: 'Primary first: "seed §<heading>", "RFC <n>", "RFC <n> §<section>" or "OWASP <cheat sheet>".',
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^(seed §\\S.*|RFC [1-9][0-9]*( §[0-9]+(\\.[0-9]+)*)?|OWASP \\S.*|GitHub [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)$' },
    },
    request: { $ref: '#/definitions/request' },
    operation: { description: 'What the judged request of a wire case (its last request line) is.', enum: OPERATION_IDS },
    probe: { description: 'What the runner measures for a transport case.', enum: TRANSPORT_PROBES },
    protocol: { description: 'The target scheme a transport case applies to.', enum: TRANSPORT_PROTOCOLS },
    derive: { $ref: '#/definitions/derivations' },
    requires: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: OPTIONAL_VARIABLES },
    },
    distinct: {
      type: 'array',
      minItems: 1,
      items: { type: 'array', minItems: 2, maxItems: 2, items: { enum: [...REQUIRED_VARIABLES, ...OPTIONAL_VARIABLES] } },
    },
    expect: { $ref: '#/definitions/expectation' },
    wire: { $ref: '#/definitions/wire' },
  },
  allOf: [
    // A request case's id starts with its form's prefix.
    ...FORMS.map((form) => ({
      if: { type: 'object', required: ['form', 'kind'], properties: { form: { const: form }, kind: { enum: ['http', 'wire'] } } },
      then: { type: 'object', properties: { id: { type: 'string', pattern: `^${FORM_TABLE[form].idPrefix}` } } },
    })),
    { if: kindIs('http'), then: { type: 'object', required: OWN_FIELDS.http, properties: kindFields('http') } },
    // A wire case says so in its id, after the form's prefix.
    {
      if: kindIs('wire'),
      then: { type: 'object', required: OWN_FIELDS.wire, properties: { id: { type: 'string', pattern: `^(${PREFIX_ALTERNATION})-wire-` }, ...kindFields('wire') } },
    },
    // A transport case sends nothing of its own: no variables, and an outcome without statuses or a second request.
    {
      if: kindIs('transport'),
      then: {
        type: 'object',
        required: OWN_FIELDS.transport,
        properties: {
          ...kindFields('transport'),
          derive: false,
          requires: false,
          distinct: false,
          expect: { type: 'object', properties: { outcome: { enum: ['accept', 'reject'] }, statuses: false, sameResponseAs: false } },
        },
      },
    },
    // A transport case's id starts with the protocol it applies to.
    ...TRANSPORT_PROTOCOLS.map((protocol) => ({
      if: { type: 'object', required: ['kind', 'protocol'], properties: { kind: { const: 'transport' }, protocol: { const: protocol } } },
      then: { type: 'object', properties: { id: { type: 'string', pattern: `^${protocol}-` } } },
    })),
  ],
  definitions: {
    headerLine: {
      description: 'One header line [name, value]; no CR, LF or NUL (wire-framing cases need a raw socket).',
      type: 'array',
      items: [
        { type: 'string', pattern: TOKEN },
        { type: 'string', pattern: '^[^\\r\\n\\u0000]*$' },
      ],
      minItems: 2,
      additionalItems: false,
    },
    headers: { type: 'array', items: { $ref: '#/definitions/headerLine' } },
    transform: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['op'],
          properties: {
            op: { enum: ['base64', 'base64-unpadded', 'base64url', 'other-case', 'percent-encode', 'drop-last-char', 'change-last-char'] },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['op', 'length'],
          properties: {
            op: { const: 'repeat-to-length' },
            length: { type: 'integer', minimum: 1 },
          },
        },
      ],
    },
    derivation: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'from', 'apply'],
      properties: {
        name: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
        from: { type: 'string' },
        apply: { type: 'array', minItems: 1, items: { $ref: '#/definitions/transform' } },
      },
    },
    derivations: { type: 'array', minItems: 1, items: { $ref: '#/definitions/derivation' } },
    request: {
      type: 'object',
      additionalProperties: false,
      required: ['operation', 'method', 'path', 'headers'],
      properties: {
        operation: { enum: OPERATION_IDS },
        method: { type: 'string', pattern: TOKEN },
        // Origin form; a wire case may also name an absolute-form or asterisk-form target (RFC 9112 §3.2).
        path: { type: 'string', pattern: '^(/|\\*$|\\{\\{origin\\}\\}/|\\{\\{scheme\\}\\}://|https?://)' },
        headers: { $ref: '#/definitions/headers' },
        body: { type: 'string' },
      },
    },
    wirePart: {
      description: 'One piece of a wire case\'s bytes; texts are sent as written (CR, LF, NUL and obs-text included).',
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'method', 'target'],
          properties: {
            kind: { const: 'request-line' },
            method: { type: 'string', pattern: TOKEN },
            target: { type: 'string', pattern: '^(\\*|(/|\\{\\{origin\\}\\}/|\\{\\{scheme\\}\\}://|https?://)[^ \\t\\r\\n\\u0000]*)$' },
            // HTTP-version (RFC 9112 §2.3) or what a bypass tool sends in its place.
            version: { type: 'string', pattern: '^[!-~]+$' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'name', 'value'],
          properties: {
            kind: { const: 'header' },
            // Whitespace may follow the name: RFC 9112 §5.1 cases put it before the colon.
            name: { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+[ \\t]*$" },
            value: { type: 'string' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'text'],
          properties: { kind: { const: 'bytes' }, text: { type: 'string', minLength: 1 } },
        },
        { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { const: 'end' } } },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'text'],
          properties: { kind: { const: 'body' }, text: { type: 'string', minLength: 1 } },
        },
      ],
    },
    wire: {
      description: 'A case sent over a raw socket, byte for byte; not exported to Postman.',
      type: 'object',
      additionalProperties: false,
      required: ['parts', 'validCredential'],
      properties: {
        parts: { type: 'array', minItems: 2, items: { $ref: '#/definitions/wirePart' } },
        validCredential: { type: 'boolean' },
        repairAccepted: { const: true },
        statusRequired: { const: true },
      },
    },
    expectation: {
      type: 'object',
      additionalProperties: false,
      required: ['outcome'],
      properties: {
        outcome: { enum: OUTCOME_CLASSES },
        statuses: {
          description: 'Statuses the exact-class check accepts instead of the class default; 4xx, and the refusals 501 (method not implemented) and 505 (version not supported).',
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { anyOf: [{ type: 'integer', minimum: 400, maximum: 499 }, { enum: [501, 505] }] },
        },
        letInOnEvidence: { const: true },
        sameResponseAs: {
          type: 'object',
          additionalProperties: false,
          required: ['headers'],
          properties: {
            headers: { $ref: '#/definitions/headers' },
            derive: { $ref: '#/definitions/derivations' },
          },
        },
      },
      // `statuses`, `letInOnEvidence` and `sameResponseAs` only qualify rejections.
      if: { type: 'object', required: ['outcome'], properties: { outcome: { const: 'accept' } } },
      then: { type: 'object', properties: { statuses: false, letInOnEvidence: false, sameResponseAs: false } },
    },
  },
} as const;
