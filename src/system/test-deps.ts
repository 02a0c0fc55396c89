import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeps, type Deps } from '../deps.js';
import { fixedClock, type Clock } from './clock.js';
import { bufferIo } from './io.js';
import { createLifecycle } from './lifecycle.js';
import { findPackageRoot, type Paths } from './paths.js';
import { processStart } from './reaper.js';
import { execaRunner, type Runner } from './runner.js';

export interface TestDeps extends Deps {
  readonly io: ReturnType<typeof bufferIo>;
  /** Moves the fixed clock (tests of timers and days). */
  setNow(instant: string): void;
  /** Runs its lifecycle's cleanups (a service a failing test did not stop), closes the store, deletes the temp home. */
  dispose(): Promise<void>;
}

/** Test deps not disposed yet: the test setup (test-setup.ts) disposes the ones a test forgot, after each file. */
const live = new Set<TestDeps>();
let sweptDeadHomes = false;

/** Disposes every TestDeps a test file left behind; returns how many there were. */
export async function disposeForgottenTestDeps(): Promise<number> {
  const forgotten = [...live];
  for (const deps of forgotten) await deps.dispose();
  return forgotten.length;
}

/**
 * Temp homes are named `roadmap-test-<pid>-…` after the test process that made them: one killed before its
 * `afterAll` (vitest stopped with Ctrl-C) is swept by the next test process, and a live one is never touched.
 */
export function sweepHomesOfDeadTestProcesses(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^roadmap-test-(\d+)-/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && processStart(Number(pid)) === null) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** A runner that fails the test on any command it was not told to expect. */
export function stubRunner(expected: Record<string, { stdout?: string; exitCode?: number; notFound?: boolean }> = {}): Runner & { readonly interactiveCalls: string[][] } {
  const interactiveCalls: string[][] = [];
  return {
    interactiveCalls,
    start(file, args) {
      throw new Error(`unexpected long-running command in test: ${[file, ...args].join(' ')}`);
    },
    async interactive(file, args) {
      const command = [file, ...args].join(' ');
      const hit = expected[command] ?? expected[file];
      if (!hit) throw new Error(`unexpected interactive command in test: ${command}`);
      interactiveCalls.push([file, ...args]);
      return hit.notFound ? null : (hit.exitCode ?? 0);
    },
    async run(file, args) {
      const command = [file, ...args].join(' ');
      const hit = expected[command] ?? expected[file];
      if (!hit) throw new Error(`unexpected command in test: ${command}`);
      const exitCode = hit.notFound ? undefined : (hit.exitCode ?? 0);
      return { command, exitCode, stdout: hit.stdout ?? '', stderr: '', notFound: Boolean(hit.notFound), timedOut: false, ok: exitCode === 0 };
    },
  };
}

/**
 * Deps for tests: buffered I/O, a fixed clock (movable with setNow), a fresh temp home with its own SQLite
 * store, the package's real content, and a stub runner (or the real one, with `runner: 'real'`).
 */
export function createTestDeps(options: { now?: string; runner?: Runner | 'real'; env?: Record<string, string>; answers?: readonly string[] } = {}): TestDeps {
  if (!sweptDeadHomes) sweepHomesOfDeadTestProcesses();
  sweptDeadHomes = true;
  const home = mkdtempSync(join(tmpdir(), `roadmap-test-${process.pid}-`));
  let clock: Clock = fixedClock(options.now ?? '2025-06-12T09:00:00');
  const paths: Paths = {
    home,
    storeFile: join(home, 'roadmap.db'),
    packageRoot: findPackageRoot(),
    defaultWorkspace: join(home, 'workspace'),
  };
  const io = bufferIo({ answers: options.answers });
  const lifecycle = createLifecycle();
  const deps = createDeps({
    env: { HOME: home, ROADMAP_HOME: home, ...options.env },
    io,
    clock: { now: () => clock.now() },
    paths,
    // 'real': the real runner, its process groups registered with these deps' own lifecycle.
    runner: options.runner === 'real' ? execaRunner(() => lifecycle) : (options.runner ?? stubRunner()),
    lifecycle,
  });
  const testDeps: TestDeps = {
    ...deps,
    io,
    setNow(instant: string) {
      clock = fixedClock(instant);
    },
    async dispose() {
      live.delete(testDeps);
      try {
        await lifecycle.runCleanups();
        await deps.close();
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
  live.add(testDeps);
  return testDeps;
}
