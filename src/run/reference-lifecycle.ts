/**
 * The embedded reference's lifecycle. Embedded, the reference is served on an ephemeral loopback
 * port, for what needs a real socket (the wire cases; every request of an engine that does not go
 * through node:http), and, for the others, mocked in-process with nock. Loaded only for an
 * embedded run: a run against a real target has no use for it. Either way the first request is a
 * preflight: a target that does not answer stops the run before it starts.
 */
import type { installEmbeddedReference } from '../reference/embedded.js';
import type { ReferenceServer } from '../reference/server.js';
import type { EngineChoice } from './engines.js';
import { preflight } from './preflight.js';
import type { Pacer } from './pacing.js';
import type { PreparedRun } from './prepare-run.js';
import { probeAnswers } from './retry-after.js';

export interface RunReference {
  /** Where requests over a real socket go: the target, or the served reference. */
  readonly socketBaseUrl: string;
  /** Whether the wire cases have a real socket to go to. */
  readonly wireReachable: boolean;
  /** Stops serving and mocking the reference (nothing on a real target). */
  readonly release: () => Promise<void>;
}

/** The reference started for `engine` when the run is embedded, and the preflight passed. */
export async function startReference(run: PreparedRun, engine: EngineChoice, pacer?: Pacer): Promise<RunReference> {
  let served: ReferenceServer | undefined;
  let mocked: ReturnType<typeof installEmbeddedReference> | undefined;
  const release = async (): Promise<void> => {
    mocked?.restore();
    await served?.close();
  };
  try {
    if (!run.realTarget) {
      const { startReferenceServer } = await import('../reference/server.js');
      served = await startReferenceServer({ port: 0, host: '127.0.0.1', shutdownGraceMs: 1_000 });
      // nock, loaded only when the engine's requests go through node:http.
      if (!engine.needsSocket) mocked = (await import('../reference/embedded.js')).installEmbeddedReference(run.baseUrl);
    }
    await preflight(engine.needsSocket && served ? served.url : run.baseUrl, { timeoutMs: run.options.timeoutMs, ...run.tls, ...(pacer ? { onAnswer: probeAnswers((id, status, reason) => pacer.recordNotWaited(id, status, reason)) } : {}) });
  } catch (error) {
    await release();
    throw error;
  }
  return { socketBaseUrl: served ? served.url : run.baseUrl, wireReachable: run.realTarget || served !== undefined, release };
}
