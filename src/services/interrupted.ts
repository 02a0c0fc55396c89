import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';

/**
 * After Ctrl-C a start that was cut short is no failure to report: the lifecycle prints the one "stopped" line.
 * Throws the quiet 'cancelled' error when the lifecycle was interrupted.
 */
export function stoppedIfInterrupted(deps: Deps): void {
  if (deps.lifecycle.signal.aborted) throw new RoadmapError('stopped', 'cancelled');
}
