/**
 * The verifier frame: a phase verifier is data plus small functions — its contract, its options, the fixtures
 * its checks need, its Saturday stage checks and one check per acceptance criterion. The engine
 * (verify-engine.ts) resolves the fixtures once, runs each check with its own timeout, scope and catch, and turns
 * what happened into verdicts: passed, failed, or skipped with the reason and the fix.
 */
import type { ZodType } from 'zod';
import type { Figure } from '../core/criteria.js';
import type { Project } from '../content/project.js';
import type { Deps } from '../deps.js';
import type { Cleanup } from '../system/lifecycle.js';
import type { RunningProcess, StartOptions } from '../system/runner.js';
import type { OptionSpec, OptionValues } from './options.js';

/**
 * `measured`: figures from a real run, noisy, repeated by `--repeat`; `static`: read from the project's files
 * or a deterministic run, once; `attested`: the learner's own statement backed by an artefact (a link, a file).
 */
export type CheckKind = 'measured' | 'static' | 'attested';

/** A fixture or capability that this machine does not have: the check that needs it is skipped, never failed. */
export interface Missing {
  readonly missing: true;
  /** "needs Redis", "needs Docker or kind". */
  readonly reason: string;
  /** What would let it run: "set REDIS_URL or install redis-server — roadmap doctor". */
  readonly fix: string;
}

export function missing(reason: string, fix: string): Missing {
  return { missing: true, reason, fix };
}

export function isMissing(value: unknown): value is Missing {
  return typeof value === 'object' && value !== null && (value as { missing?: unknown }).missing === true;
}

/** What `roadmap doctor` says a fixture would be on this machine, found without starting anything. */
export interface Probe {
  readonly ok: boolean;
  /** "DATABASE_URL (127.0.0.1:5432)", "pg_dump 15.19", "not installed". */
  readonly detail: string;
  /** How to get it when not ok. */
  readonly fix?: string;
}

/** Cleanups that run when the scope closes, and on Ctrl-C, SIGTERM or a crash (through the lifecycle). */
export interface Scope {
  defer(cleanup: Cleanup, label: string): void;
}

export interface FixtureContext extends Scope {
  readonly deps: Deps;
  readonly options: OptionValues;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** A temporary folder for the whole verify, removed at its end. */
  readonly workDir: string;
  readonly logFile: string;
  progress(status: string): void;
  /** Another fixture this one builds on (resolved once, shared). */
  fixture<T>(spec: FixtureSpec<T>): Promise<T | Missing>;
}

/**
 * Something checks need that the engine provides once per verify, not once per repeat: a service, the fixture
 * site, a crawl made by another phase's project, a tool. Teardown is registered with `ctx.defer`.
 */
export interface FixtureSpec<T> {
  readonly id: string;
  /** For people: "Postgres server", "pg_dump", "the fixture site's crawl". */
  readonly label: string;
  probe(deps: Deps): Promise<Probe>;
  resolve(ctx: FixtureContext): Promise<T | Missing>;
}

/** What one run of one check gets from the engine. */
export interface CheckContext extends Scope {
  readonly deps: Deps;
  readonly project: Project;
  readonly options: OptionValues;
  /** Aborted when the check's time is up or on Ctrl-C: stop waiting and return. */
  readonly signal: AbortSignal;
  /** 1-based run number and the number of runs (`--repeat`; 1 for static checks and stages). */
  readonly run: number;
  readonly runs: number;
  /** A temporary folder for this run of this check, removed afterwards. */
  readonly workDir: string;
  /** Where the target's output goes; named in failure reasons. */
  readonly logFile: string;
  progress(status: string): void;
  /** A fixture the check declared in `needs`, already resolved. */
  fixture<T>(spec: FixtureSpec<T>): T;
  /**
   * Work shared by the checks of one run (one crawl judged by two criteria): made once per run under `key`; its
   * cleanups (registered on the scope `make` gets) run when the run ends.
   */
  shared<T>(key: string, make: (scope: Scope) => Promise<T>): Promise<T>;
  /**
   * Starts the project's contract command followed by `args`, in its folder, its output in the log file, with
   * `env` added; stopped when the check ends whatever happens.
   */
  startTarget(args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>): RunningProcess;
}

/** One run's figures and, when it failed, why (one line each). */
export interface CheckOutcome {
  readonly figures: readonly Figure[];
  readonly failures: readonly string[];
}

export interface Check {
  /** A criterion id of plan.yaml (`p1.ac.10k-requests`), or a stage check id named by a plan.yaml stage. */
  readonly id: string;
  readonly kind: CheckKind;
  /** Fixtures the check cannot run without: when one is missing here, the check is skipped with its reason. */
  readonly needs: readonly FixtureSpec<unknown>[];
  /** The check's own time limit; past it the check is stopped and fails with that reason. */
  timeoutMs(options: OptionValues): number;
  check(ctx: CheckContext): Promise<CheckOutcome>;
}

/** What `roadmap run phase-N` gets: the same target and fixtures, shown to a person instead of measured. */
export interface WatchContext extends Scope {
  readonly deps: Deps;
  readonly project: Project;
  readonly options: OptionValues;
  /** Where this run's output files go (`<workspace>/runs/phase-N`). */
  readonly outDir: string;
  readonly logFile: string;
  readonly signal: AbortSignal;
  startTarget(args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>): RunningProcess;
  /** Resolves on Ctrl-C or SIGTERM (for servers that run until stopped). */
  readonly interrupted: Promise<void>;
}

/** A phase's verifier. Adding a phase is one folder under src/verify and its plan.yaml entries (README.md). */
export interface PhaseVerifier {
  readonly phase: number;
  /**
   * The phase's part of roadmap.project.json, checked before anything runs (phase 1 needs a `command`; a phase
   * whose contract is a source tree or documents needs none). Its first issue becomes the one-line error.
   */
  readonly contract: ZodType;
  /** One line that says what the contract is, for the error when a project does not meet it. */
  readonly contractSummary: string;
  /** The environment variables of the phase's contract: set only by the verifier, never inherited from roadmap's. */
  readonly contractEnv?: readonly string[];
  /** The phase's flags (also in the light registry option-specs.ts, which the commands read). */
  readonly options: readonly OptionSpec[];
  /** The settings the report records, and whether they are the criterion's full size (smaller is not recorded). */
  settings(options: OptionValues): { readonly settings: Readonly<Record<string, number | string>>; readonly full: boolean };
  /** The checks plan.yaml's stages name. */
  readonly stageChecks: readonly Check[];
  /** One check per criterion of plan.yaml, same ids (a content test holds them together). */
  readonly criteria: readonly Check[];
  /** Its checks load an HTTP server: the calibration also measures a bare Node server's rate. */
  readonly loadsHttp?: boolean;
  /** Runs the mini-project for a person to watch (`roadmap run`), when the phase has something to watch. */
  watch?(ctx: WatchContext): Promise<number>;
}
