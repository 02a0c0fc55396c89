import { currentLifecycle, type Lifecycle } from './lifecycle.js';

/**
 * Ctrl-C and SIGTERM as a promise, for a command that runs until stopped (a server for a person to use) and has
 * something to close first. Built on the lifecycle, which owns the signals: `interrupted` resolves on its first
 * interrupt (whichever of SIGINT, SIGTERM and SIGHUP it is: `signals` is kept for the callers that name them), and
 * until `dispose()` the lifecycle waits for the command to finish closing before it ends roadmap with the
 * signal's exit code. New code uses `deps.lifecycle.interrupted` and `deps.lifecycle.defer` directly.
 */
export function untilInterrupted(
  _signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
  lifecycle: Lifecycle = currentLifecycle(),
): { readonly interrupted: Promise<NodeJS.Signals>; dispose(): void } {
  let closed: () => void = () => {};
  const finished = new Promise<void>((resolve) => (closed = resolve));
  const waiting = lifecycle.defer(() => finished, 'a command closing after the interrupt');
  return {
    interrupted: lifecycle.interrupted,
    dispose() {
      closed();
      waiting.cancel();
    },
  };
}
