// Test fixture (run by child-fixture.ts): opens the store, or imports an Anki file, in a child process that
// stops before the nth SQL statement matching a pattern and waits there for "go" on stdin, so the test can
// SIGKILL it at that exact point. Prints `paused <index> <sql>` when it stops, `done <statements>` at the end.
//
//   open <storeFile> <pattern> <nth>                              open (migrating) and record a session
//   import <home> <packageRoot> <ankiFile> <pattern> <nth>        `cards import` of the file
import { readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../system/clock.js';
import { SqliteStore } from './sqlite-store.js';

const [mode, ...rest] = process.argv.slice(2);
const NOW = '2025-06-12T09:00:00';

function waitForGo(): void {
  const buf = Buffer.alloc(64);
  for (;;) {
    try {
      if (readSync(0, buf) > 0) return;
      process.exit(0);
    } catch (error) {
      // A non-blocking stdin: wait a little without spinning, then read again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function pauser(pattern: string, nth: number): { onStatement: (sql: string) => void; count: () => number } {
  const re = pattern === '-' ? null : new RegExp(pattern, 'i');
  let statements = 0;
  let matches = 0;
  return {
    onStatement(sql) {
      statements++;
      if (!re || !re.test(sql) || ++matches !== nth) return;
      // Synchronous on purpose: nothing else of this process runs until the test decides.
      writeSync(1, `paused ${statements} ${sql.replace(/\s+/g, ' ').slice(0, 80)}\n`);
      waitForGo();
    },
    count: () => statements,
  };
}

try {
  if (mode === 'open') {
    const [file, pattern, nth] = rest as [string, string, string];
    const p = pauser(pattern, Number(nth));
    const store = await SqliteStore.open(file, { clock: fixedClock(NOW), onStatement: p.onStatement });
    await store.sessions.start('2025-06-12', Date.parse(NOW), 30);
    await store.close();
    writeSync(1, `done ${p.count()}\n`);
  } else if (mode === 'import') {
    const [home, packageRoot, ankiFile, pattern, nth] = rest as [string, string, string, string, string];
    const p = pauser(pattern, Number(nth));
    // Imported here: the open mode, run dozens of times, starts without the drill engine and its content loaders.
    const [{ createDeps }, { importAnki }, { bufferIo }, { createLifecycle }] = await Promise.all([
      import('../deps.js'),
      import('../drill/cards-io.js'),
      import('../system/io.js'),
      import('../system/lifecycle.js'),
    ]);
    const storeFile = join(home, 'roadmap.db');
    const base = createDeps({
      env: { HOME: home, ROADMAP_HOME: home },
      io: bufferIo(),
      clock: fixedClock(NOW),
      paths: { home, storeFile, packageRoot, defaultWorkspace: join(home, 'workspace') },
      lifecycle: createLifecycle(),
    });
    const store = SqliteStore.open(storeFile, { clock: fixedClock(NOW), onStatement: p.onStatement });
    const r = await importAnki({ ...base, store: () => store }, ankiFile);
    await (await store).close();
    writeSync(1, `done ${p.count()} ${JSON.stringify(r)}\n`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (error) {
  writeSync(1, `error ${(error as Error).message}\n`);
  process.exitCode = 1;
}
