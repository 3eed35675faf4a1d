/**
 * The engines a run may send its HTTP cases with, in one table: what each is, loaded only when
 * chosen (newman takes most of a second to import), and what the run must know of it. All meet
 * one contract (engine.ts).
 */
import type { Engine } from './engine.js';
import type { PostmanEnvironment } from './environment.js';

/** What sends the HTTP cases' requests (`--engine`): newman (the harness collection, default) or the native engine (undici). */
export type EngineName = 'newman' | 'native';
export const ENGINES: readonly EngineName[] = ['newman', 'native'];
export const DEFAULT_ENGINE: EngineName = 'newman';
/** Cases in flight at once, either engine, unless `--concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

export interface EngineChoice {
  readonly load: () => Promise<Engine>;
  /** Embedded, its requests go to the reference served on a loopback port: they do not go through node:http, which nock mocks. */
  readonly needsSocket: boolean;
  /** It tells each request's fate as it comes (the listener's `request`); the others' fates are their items'. */
  readonly tellsRequests: boolean;
  /** The wire cases after it one at a time, as it runs its own. */
  readonly oneAtATime: boolean;
}

const ENGINE_TABLE: Readonly<Record<EngineName, EngineChoice>> = {
  // The harness collection: the plan's requests, resolved in Node, without scripts (newman/).
  newman: { load: async () => (await import('./newman/run-harness.js')).runNewmanHarness, needsSocket: false, tellsRequests: true, oneAtATime: false },
  native: { load: async () => (await import('./native/run-native.js')).runNative, needsSocket: true, tellsRequests: false, oneAtATime: false },
};

/** The engine of `name`; a given collection (`--collection`) runs as it is, its scripts included, one request at a time. */
export function chooseEngine(name: EngineName, given?: { readonly collection: object; readonly environment: PostmanEnvironment }): EngineChoice {
  if (name === 'newman' && given) {
    return {
      load: async () => (await import('./collection/run-collection.js')).collectionEngine(given.collection, given.environment),
      needsSocket: false,
      tellsRequests: false,
      oneAtATime: true,
    };
  }
  return ENGINE_TABLE[name];
}
