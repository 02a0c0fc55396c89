import type { ErrorKind } from '../errors.js';

/** Every exit code roadmap uses. Documented in README.md ("Exit codes"). */
export const ExitCode = {
  Ok: 0,
  /** Something went wrong that the learner can fix (the message says how), or a bug. */
  Error: 1,
  /** Usage error: unknown command, option, phase or id; a bad date. */
  Usage: 2,
  /** A check ran and found problems: verify, kata check, doctor. */
  CheckFailed: 3,
  /** Cancelled with Ctrl-C (SIGINT, or the key in the TUI). */
  Cancelled: 130,
  /** Stopped by SIGTERM (`kill`, a service manager, a CI runner's timeout). */
  Terminated: 143,
  /** Stopped by SIGHUP (the terminal was closed). */
  HungUp: 129,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeOf(kind: ErrorKind): ExitCode {
  switch (kind) {
    case 'usage':
      return ExitCode.Usage;
    case 'check-failed':
      return ExitCode.CheckFailed;
    case 'cancelled':
      return ExitCode.Cancelled;
    default:
      return ExitCode.Error;
  }
}
