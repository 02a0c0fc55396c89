// Test harness (not shipped): runs store-child-fixture.ts as a real child process that pauses at an exact SQL
// statement, so a test can SIGKILL it there or let it go on. The fixture is bundled once with esbuild, so each
// child starts in a fraction of tsx's time and a test can afford a kill at every statement.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { execa, type ResultPromise } from 'execa';

export interface ChildFixture {
  /** Starts the fixture with these arguments (see store-child-fixture.ts). */
  start(args: readonly string[]): FixtureChild;
  dispose(): void;
}

export interface FixtureChild {
  readonly process: ResultPromise;
  /** The first line the child printed: `paused <n> <sql>` or `done <n>` (or `error <message>`), or null if it died first. */
  firstLine(): Promise<string | null>;
  /** Lets a paused child go on. */
  resume(): void;
  /** SIGKILL, and wait for the death. */
  kill(): Promise<void>;
  /** Waits for the end: the exit code and everything printed. */
  result(): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }>;
}

export async function buildChildFixture(): Promise<ChildFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-store-fixture-'));
  const outfile = join(dir, 'store-child-fixture.mjs');
  const addon = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [join(import.meta.dirname, 'store-child-fixture.ts')],
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // The native addon stays where npm built it; the bundle lives in a temp folder, so point at it by path.
    plugins: [{ name: 'addon', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: addon, external: true })) }],
  });
  return {
    start(args) {
      const child = execa('node', [outfile, ...args], { reject: false, stdin: 'pipe', buffer: true, cleanup: true });
      // Listening from the start: the stream flows for execa's buffer, so a late listener would miss the line.
      const first = new Promise<string | null>((resolve) => {
        let seen = '';
        const onData = (chunk: Buffer): void => {
          seen += chunk.toString();
          const nl = seen.indexOf('\n');
          if (nl >= 0) {
            child.stdout!.off('data', onData);
            resolve(seen.slice(0, nl));
          }
        };
        child.stdout!.on('data', onData);
        void child.then(() => resolve(seen.includes('\n') ? seen.slice(0, seen.indexOf('\n')) : seen || null));
      });
      return {
        process: child,
        firstLine: () => first,
        resume() {
          child.stdin!.write('go\n');
        },
        async kill() {
          child.kill('SIGKILL');
          await child;
        },
        async result() {
          const r = await child;
          return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
        },
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
