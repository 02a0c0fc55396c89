/**
 * Ctrl-C and SIGTERM as a promise, for a command that runs until stopped (a server for a person to use) and has
 * something to close first. While it is listened for, roadmap's default "exit 130 at once" steps aside.
 */
export function untilInterrupted(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): { readonly interrupted: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: ((signal: NodeJS.Signals) => void) | undefined;
  const interrupted = new Promise<NodeJS.Signals>((resolve) => {
    handler = (signal) => resolve(signal);
  });
  for (const signal of signals) process.on(signal, handler!);
  return {
    interrupted,
    dispose() {
      for (const signal of signals) process.off(signal, handler!);
    },
  };
}
