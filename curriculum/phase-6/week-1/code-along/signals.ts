// Step 3: turn SIGTERM (docker stop, kubectl delete pod, a rolling update) into a graceful shutdown.

/** The part of `process` we need; tests pass an EventEmitter instead of the real process. */
export interface SignalSource {
  once(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): void;
}

export function onShutdownSignal(proc: SignalSource, shutdown: () => Promise<unknown>): void {
  let stopping = false;
  const handle = () => {
    if (stopping) return proc.exit(1); // a second signal: the operator insists
    stopping = true;
    shutdown().then(
      () => proc.exit(0),
      () => proc.exit(1),
    );
  };
  // Installing a listener replaces Node's default action (exit at once). This matters most
  // when node runs as PID 1 in a container, where an unhandled SIGTERM is simply ignored.
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    proc.once(sig, () => {
      handle();
      proc.once(sig, handle);
    });
  }
}
