import os from 'node:os';

/** Facts about the running Node.js process. */
export function nodeVersion(): string {
  return process.versions.node;
}

export function platform(): string {
  return `${process.platform}-${process.arch}`;
}

/** The machine a figure was measured on, for reports. */
export function machineInfo(): { platform: string; cpus: number; cpuModel: string; memoryGiB: number } {
  const cpus = os.cpus();
  return {
    platform: platform(),
    cpus: cpus.length,
    cpuModel: (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}
