/**
 * JSON Schema (draft-07) of `conformance.json`. It is the documented format of the report: the
 * test suite validates every report it produces against it.
 */
import { PROFILES } from '../cases/model.js';

const tally = {
  type: 'object',
  additionalProperties: false,
  required: ['pass', 'fail', 'inconclusive', 'skip', 'error'],
  properties: {
    pass: { type: 'integer', minimum: 0 },
    fail: { type: 'integer', minimum: 0 },
    inconclusive: { type: 'integer', minimum: 0 },
    skip: { type: 'integer', minimum: 0 },
    error: { type: 'integer', minimum: 0 },
  },
} as const;

const level = { enum: ['must', 'should', 'may'] } as const;
const form = { enum: ['session-key', 'aws-sigv4', 'aws-sigv2', 'basic', 'cross-cutting'] } as const;

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'ok', 'status'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    ok: { type: 'boolean', description: 'true when the step got a 2xx' },
    status: { type: ['integer', 'null'] },
    message: { type: 'string' },
  },
} as const;

const headerLines = {
  type: 'array',
  description: 'header lines in order, [name, value]; secrets as {{variable}} placeholders or masked, long values shortened',
  items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string' } },
} as const;

const shard = {
  type: 'object',
  additionalProperties: false,
  required: ['index', 'count'],
  properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } },
} as const;

export const RUN_REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/v3io-auth-conformance/schemas/conformance-report.json',
  title: 'v3io-auth-conformance run report (conformance.json)',
  type: 'object',
  additionalProperties: false,
  required: ['tool', 'target', 'startedAt', 'durationMs', 'strict', 'verdict', 'exitCode', 'summary', 'setup', 'teardown', 'cases', 'warnings'],
  properties: {
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'string' } },
    },
    target: {
      type: 'object',
      additionalProperties: false,
      required: ['mode', 'baseUrl', 'profile'],
      properties: {
        mode: { enum: ['embedded', 'target'], description: 'embedded: the in-process reference; target: a real server' },
        baseUrl: { type: 'string', format: 'uri' },
        profile: { enum: PROFILES, description: 'the kind of server judged (--profile): v3io, or basic for any Basic-authentication server' },
      },
    },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    strict: { type: 'boolean', description: 'true when SHOULD failures fail the run' },
    verdict: { enum: ['conformant', 'non-conformant', 'inconclusive', 'error'] },
    exitCode: { enum: [0, 1, 2, 130, 143], description: '0 conformant, 1 not conformant, 2 no verdict; 130/143: stopped by SIGINT/SIGTERM (a partial report)' },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'outcomes', 'failingCases', 'answeredByFront', 'byForm', 'byLevel'],
      properties: {
        total: { type: 'integer', minimum: 0 },
        outcomes: tally,
        failingCases: {
          type: 'object',
          description: 'cases by the level of their strongest failed check, each counted once: must = cases failing a MUST check, should = cases failing only a SHOULD check, may = cases failing only a MAY check',
          additionalProperties: false,
          required: ['must', 'should', 'may'],
          properties: { must: { type: 'integer' }, should: { type: 'integer' }, may: { type: 'integer' } },
        },
        answeredByFront: {
          type: 'object',
          description: "failed cases whose answer a front gave (a proxy's error page), by the level of their strongest failed check: not the target's failures, counted apart from failingCases",
          additionalProperties: false,
          required: ['must', 'should', 'may'],
          properties: { must: { type: 'integer' }, should: { type: 'integer' }, may: { type: 'integer' } },
        },
        byForm: {
          type: 'object',
          additionalProperties: false,
          required: form.enum,
          properties: Object.fromEntries(form.enum.map((f) => [f, tally])),
        },
        byLevel: {
          type: 'object',
          description: "outcomes by the case's own level",
          additionalProperties: false,
          required: level.enum,
          properties: Object.fromEntries(level.enum.map((l) => [l, tally])),
        },
      },
    },
    setup: { type: 'array', items: step },
    teardown: { type: 'array', items: step },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'form', 'family', 'level', 'requirement', 'sources', 'outcome', 'expected', 'actual', 'request', 'checks', 'failedLevel'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          title: { type: 'string' },
          form,
          family: { type: 'string' },
          level,
          requirement: { type: 'string' },
          sources: { type: 'array', minItems: 1, items: { type: 'string' } },
          outcome: { enum: ['pass', 'fail', 'inconclusive', 'skip', 'error'] },
          expected: {
            type: 'object',
            additionalProperties: false,
            required: ['outcome', 'statuses'],
            properties: {
              outcome: { enum: ['accept', 'unauthenticated', 'malformed', 'forbidden', 'reject'] },
              statuses: { type: 'array', items: { type: 'integer' }, description: 'statuses of the exact-class check; empty for accept (any 2xx)' },
            },
          },
          actual: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                additionalProperties: false,
                required: ['status', 'statusText'],
                properties: {
                  status: { type: 'integer' },
                  statusText: { type: 'string' },
                  headers: headerLines,
                  bodyExcerpt: { type: 'string', description: 'the start of the body as text, masked' },
                },
              },
              { type: 'object', additionalProperties: false, required: ['error'], properties: { error: { type: 'string' } } },
            ],
          },
          request: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                additionalProperties: false,
                required: ['method', 'path'],
                properties: { method: { type: 'string' }, path: { type: 'string' }, headers: headerLines },
              },
            ],
          },
          checks: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'level', 'passed'],
              properties: {
                id: { type: 'string', description: "the check definition's id in the judge's registry, e.g. exact-status" },
                name: { type: 'string' },
                level,
                passed: { type: 'boolean' },
                expected: { type: 'string', description: 'what the check wanted, e.g. "401"' },
                actual: { type: 'string', description: 'what it found, e.g. "200"' },
                message: { type: 'string', description: 'e.g. "Expected 401, got 200 for GET /bigdata/x"' },
                sources: { type: 'array', items: { type: 'string' }, description: 'sources of the check itself, e.g. the SDK function a body check stands for' },
              },
            },
          },
          inconclusiveChecks: {
            type: 'array',
            description: 'checks the harness could not make (a preparation or read-back not done), each with why',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'level', 'reason'],
              properties: { id: { type: 'string' }, name: { type: 'string' }, level, reason: { type: 'string' } },
            },
          },
          failedLevel: { oneOf: [{ type: 'null' }, level] },
          reason: { type: 'string', description: 'why the case was skipped or could not be judged' },
          durationMs: { type: 'number', minimum: 0, description: 'how long the case took, its preparations and checks included; absent when it was not sent' },
          front: {
            type: 'object',
            description: 'the intermediary (reverse proxy, load balancer) that answered the request (answered: true, not the target\'s answer) or let it in (answered: false, a 2xx: the target\'s too)',
            additionalProperties: false,
            required: ['name', 'evidence', 'answered'],
            properties: { name: { type: 'string' }, evidence: { type: 'string' }, answered: { type: 'boolean' } },
          },
          reproduce: {
            type: 'string',
            description: 'on a failed or inconclusive case: a shell command sending its decisive request again (curl, printf | nc, or a run --only line); secrets as environment references such as "$V3IO_PASSWORD", never values',
          },
        },
      },
    },
    warnings: { type: 'array', items: { type: 'string' } },
    selection: {
      type: 'object',
      description: 'present when the run covered part of the catalogue; unselected cases are absent from "cases"',
      additionalProperties: false,
      properties: {
        only: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'the case ids of --only' },
        grep: { type: 'string', description: 'regular expression matched (case-insensitively) against id, title and family' },
        forms: { type: 'array', minItems: 1, items: form },
        level: { ...level, description: 'the weakest level selected: "should" selects MUST and SHOULD cases' },
        shard,
      },
    },
    pacing: {
      type: 'object',
      description: "how the HTTP cases' requests were paced to the target; absent on a merged report",
      additionalProperties: false,
      required: ['adapted', 'answers', 'p50Ms', 'p99Ms', 'timeoutMs', 'concurrency', 'timeouts', 'retryAfterWaits', 'retryAfterAnswers', 'notWaited', 'retried'],
      properties: {
        adapted: { type: 'boolean', description: 'true when pacing departed from the options: a longer timeout, fewer requests in flight, a request sent again' },
        answers: { type: 'integer', minimum: 0, description: 'answers the latencies are of' },
        p50Ms: { type: 'integer', minimum: 0 },
        p99Ms: { type: 'integer', minimum: 0 },
        timeoutMs: { type: 'integer', minimum: 0, description: 'the per-request timeout at the end: --timeout, or a multiple of the observed p99 when larger' },
        concurrency: {
          type: 'object',
          additionalProperties: false,
          required: ['ceiling', 'highest', 'lowest', 'decreases'],
          properties: {
            ceiling: { type: 'integer', minimum: 1, description: '--concurrency' },
            highest: { type: 'integer', minimum: 1 },
            lowest: { type: 'integer', minimum: 1, description: '1 when a request was sent alone' },
            decreases: { type: 'integer', minimum: 0 },
          },
        },
        timeouts: { type: 'integer', minimum: 0, description: 'requests that got no answer within the timeout then in force' },
        retryAfterWaits: { type: 'integer', minimum: 0, description: 'waits for a 429 or 503 Retry-After before sending again' },
        retryAfterAnswers: { type: 'integer', minimum: 0, description: 'answers 429, or 503 with Retry-After: each waited for, or listed in notWaited' },
        notWaited: {
          type: 'array',
          description: 'the answers that asked to wait and were not waited for, and why',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'status', 'reason'],
            properties: { id: { type: 'string' }, status: { type: 'integer' }, reason: { type: 'string' } },
          },
        },
        retried: {
          type: 'array',
          description: 'the cases a request of which was sent again, and what the last attempt got',
          items: { type: 'object', additionalProperties: false, required: ['id', 'outcome'], properties: { id: { type: 'string' }, outcome: { type: 'string' } } },
        },
        waves: {
          type: 'array',
          description: "the newman engine's lanes (newman runs side by side) in each of its waves, in order; the setup and the warm-up are waves of one",
          items: { type: 'integer', minimum: 1 },
        },
      },
    },
    merged: {
      type: 'object',
      description: 'present on a report made by the merge command',
      additionalProperties: false,
      required: ['reports'],
      properties: { reports: { type: 'integer', minimum: 1 } },
    },
  },
} as const;
