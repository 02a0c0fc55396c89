import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/roadmap.js');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temp HOME and ROADMAP_HOME, and a way to run the built `roadmap` binary in them at a pinned time. */
export function cliSandbox() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-e2e-'));
  return {
    home,
    async run(args: readonly string[], options: { now?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
      const r = await execa('node', [BIN, ...args], {
        cwd: home,
        reject: false,
        env: { HOME: home, ROADMAP_HOME: join(home, 'state'), NO_COLOR: '1', ...(options.now ? { ROADMAP_NOW: options.now } : {}), ...options.env },
        extendEnv: false,
        stdin: 'ignore',
        timeout: 30_000,
      });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}
