/**
 * Every deliberately broken server, as one list that `npm run mutants` and the tests walk: the
 * reference-based variants (variants.ts, scheme-word-servers.ts, conditional-servers.ts), the
 * raw-socket fronts (wire-servers.ts), the servers written apart from the reference
 * (independent-servers.ts) and the bypass toolbox's raw-socket fronts (bypass-servers.ts). Each
 * starts on its own loopback port;
 * a front starts a correct reference behind it and stops it with itself.
 */
import { startReferenceServer } from '../../src/reference/server.js';
import type { RunningServer } from './http-front.js';
import { INDEPENDENT_BROKEN_SERVERS } from './independent-servers.js';
import { BROKEN_VARIANTS } from './variants.js';
import { SCHEME_WORD_VARIANTS } from './scheme-word-servers.js';
import { CONDITIONAL_VARIANTS } from './conditional-servers.js';
import { BROKEN_WIRE_SERVERS, startBrokenWireServer, type BrokenWireServer } from './wire-servers.js';
import { BYPASS_BROKEN_SERVERS } from './bypass-servers.js';

export interface BrokenServer {
  readonly id: string;
  /** The deviation, as a reader of auth-requirements.md would name it. */
  readonly deviation: string;
  /** The level of the requirement it breaks: a MUST deviation fails the run (exit 1). */
  readonly level: 'must' | 'should';
  /** Cases that must fail against it at its level (at least these; others may fail too). */
  readonly caughtBy: readonly string[];
  /** Where it is defined, for the README's table. */
  readonly kind: 'reference variant' | 'raw-socket front' | 'independent server';
  readonly start: () => Promise<RunningServer>;
}

/** A front started in front of a correct reference of its own. */
async function inFrontOfReference(startFront: (backendUrl: string) => Promise<RunningServer>): Promise<RunningServer> {
  const backend = await startReferenceServer({ port: 0, errorLog: () => {} });
  try {
    const server = await startFront(backend.url);
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}

function rawSocketFront(server: BrokenWireServer): BrokenServer {
  const { grep: _grep, onHead: _onHead, readsChunkedBody: _readsChunkedBody, ...variant } = server;
  return { ...variant, kind: 'raw-socket front', start: () => inFrontOfReference((backendUrl) => startBrokenWireServer(server, backendUrl)) };
}

export const BROKEN_SERVERS: readonly BrokenServer[] = [
  ...[...BROKEN_VARIANTS, ...SCHEME_WORD_VARIANTS, ...CONDITIONAL_VARIANTS].map(({ reference, ...variant }): BrokenServer => ({
    ...variant,
    kind: 'reference variant',
    start: () => startReferenceServer({ port: 0, reference: reference(), errorLog: () => {} }),
  })),
  ...BROKEN_WIRE_SERVERS.map(rawSocketFront),
  ...INDEPENDENT_BROKEN_SERVERS.map(({ start, ...server }): BrokenServer => ({
    ...server,
    kind: 'independent server',
    start: () => inFrontOfReference(start),
  })),
  // The bypass toolbox's (bypass-servers.ts), last: the power table lists them in this order.
  ...BYPASS_BROKEN_SERVERS.map(rawSocketFront),
];
