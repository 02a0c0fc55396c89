import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Facts about the running Node.js process. */
export function nodeVersion(): string {
  return process.versions.node;
}

/** The running Node binary, for child processes that must run on the same Node as roadmap. */
export function nodeBinary(): string {
  return process.execPath;
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

/** The 1-minute load average and the number of cores: a report says how busy the machine was. */
export function machineLoad(): { readonly load1: number; readonly cores: number } {
  return { load1: Number(os.loadavg()[0]!.toFixed(2)), cores: os.availableParallelism() };
}

/** roadmap runs as root (CI, containers): some servers (Postgres) refuse to. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A system user's ids from /etc/passwd, or null when there is no such user. */
export function systemUser(name: string): { uid: number; gid: number } | null {
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  const fields = passwd.split('\n').find((l) => l.startsWith(`${name}:`))?.split(':');
  return fields ? { uid: Number(fields[2]), gid: Number(fields[3]) } : null;
}

/** The program that opens a file in the desktop's browser. */
export function browserOpener(): string {
  return process.platform === 'darwin' ? 'open' : 'xdg-open';
}
