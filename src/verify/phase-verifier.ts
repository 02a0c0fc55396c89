import type { CriterionRun } from '../core/criteria.js';
import type { Project } from '../content/project.js';
import type { Deps } from '../deps.js';
import type { RunningProcess, StartOptions } from '../system/runner.js';

/** Options a phase's checks understand; each phase documents which it reads. */
export interface PhaseOptions {
  /** Phase 1: pages of the fixture site (the criterion states 10,000); phase 2: pages crawled and imported. */
  readonly pages?: number;
  /** Phase 2: seconds of each hot-key load (default 5; shorter is a quick check, not recorded). */
  readonly loadSeconds?: number;
}

/** What one run of a phase's checks gets from the engine. */
export interface CheckContext {
  readonly deps: Deps;
  readonly project: Project;
  readonly options: PhaseOptions;
  /** 1-based run number and the number of runs (`--repeat`). */
  readonly run: number;
  readonly runs: number;
  /** A temporary folder for this run, deleted afterwards. */
  readonly workDir: string;
  /** Where the target's output goes; named in failure reasons. */
  readonly logFile: string;
  /** A one-line status for the live display (redrawn on a terminal). */
  progress(status: string): void;
  /** Starts the project's contract command followed by `args`, in its folder, its output in the log file, with `env` added. */
  startTarget(args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>): RunningProcess;
}

/** What `roadmap run phase-N` gets: the same target, shown to a person instead of measured. */
export interface WatchContext {
  readonly deps: Deps;
  readonly project: Project;
  readonly options: PhaseOptions & { readonly siteOnly?: boolean };
  /** Where this run's output files go (`<workspace>/runs/phase-N`). */
  readonly outDir: string;
  readonly logFile: string;
  startTarget(args: readonly string[], onLine?: StartOptions['onLine'], env?: Readonly<Record<string, string>>): RunningProcess;
  /** Resolves on Ctrl-C or SIGTERM (for servers that run until stopped). */
  readonly interrupted: Promise<void>;
}

/** One phase's verifier: its checks, and how to run its mini-project for a person to watch. */
export interface PhaseVerifier {
  readonly phase: number;
  /** The environment variables of the phase's contract: set only by the verifier, never inherited from roadmap's. */
  readonly contractEnv?: readonly string[];
  /** The settings the report records (e.g. pages), and whether they are the criterion's full size. */
  settings(options: PhaseOptions): { readonly settings: Readonly<Record<string, number | string>>; readonly full: boolean };
  /** Measures every criterion of the phase once. Failures of the target are results, not exceptions. */
  measure(ctx: CheckContext): Promise<CriterionRun[]>;
  /** Runs the mini-project for a person to watch, until it ends or is interrupted. Returns the exit code. */
  watch(ctx: WatchContext): Promise<number>;
}
