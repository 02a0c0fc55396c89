import os from 'node:os';

/** The running Node binary, for child processes that must run on the same Node as roadmap. */
export function nodeBinary(): string {
  return process.execPath;
}

/** The 1-minute load average and the number of cores: a report says how busy the machine was. */
export function machineLoad(): { readonly load1: number; readonly cores: number } {
  return { load1: Number(os.loadavg()[0]!.toFixed(2)), cores: os.availableParallelism() };
}

/** This process's pid, which names what it owns (temp folders, database registrations). */
export function ownPid(): number {
  return process.pid;
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
