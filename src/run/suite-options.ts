/** What a run is given (`runSuite`'s options) and what it gives back. */
import type { BypassExtent } from '../cases/index.js';
import type { ProfileId } from '../cases/model.js';
import type { RunReport } from '../results/run-report.js';
import type { ClientTls } from '../tls-files.js';
import type { EngineName } from './engines.js';
import type { RunListener } from './run-events.js';
import type { RunSecrets } from './run-secrets.js';
import type { CaseSelection } from './selection.js';

/**
 * The TLS settings spelt flat beside the others: never (they go in `tls`). Without this a caller
 * spreading them in (`...{ caFile }`) would compile and be silently ignored.
 */
type NoFlatTls = { readonly [K in keyof ClientTls]?: never };

export interface SuiteOptions extends NoFlatTls {
  /** The client's TLS settings (`--ca`, `--insecure`, `--cert`, `--key`). */
  readonly tls?: ClientTls;
  /** The engine that sends the HTTP cases (`--engine`); default newman. */
  readonly engine?: EngineName;
  /** Cases (ordered groups, see case-groups.ts) in flight at once, either engine. Default DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  /** How much of the bypass toolbox to send (`--bypass`); default the catalogue's. */
  readonly bypass?: BypassExtent;
  /** The kind of server judged (`--profile`); default `v3io`. */
  readonly profile?: ProfileId;
  /** Base URL of a real server (`--target`); it wins over every other source of `baseUrl`. */
  readonly target?: string;
  /** Postman environment file with the target's variables. */
  readonly envFile?: string;
  /** `--env-var <name>=<value>` pairs, over the process environment and the file. */
  readonly envVars?: readonly (readonly [string, string])[];
  /** Where `V3IO_API`, `V3IO_ACCESS_KEY`, ... are read from; absent: nowhere (the CLI passes process.env). */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** A collection newman runs as it is, scripts included, one request at a time; default: the harness collection (newman/). */
  readonly collectionFile?: string;
  readonly strict: boolean;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  /** The cases to run; absent: all. Unselected cases are neither sent nor reported. */
  readonly selection?: CaseSelection;
  /**
   * Makes the function that masks the run's secrets in a text, every spelling an output may give
   * them: what the run records of an exchange is masked with it before it leaves the run.
   */
  readonly maskFor: (secrets: RunSecrets) => (text: string) => string;
  /** Told what happens, as it happens (run-events.ts). */
  readonly onEvent?: RunListener;
  /**
   * Stops the run (SIGINT, SIGTERM): newman is aborted, the fixtures on a real target are removed
   * with direct requests, and the run rejects with the signal's reason (a HarnessError).
   */
  readonly signal?: AbortSignal;
}

export interface SuiteOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  /** Masks every secret of the run's environment in a text. */
  readonly redact: (text: string) => string;
}

