import { readFile } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { insideIoCallback, asyncFunctions } from './kata.js';

type Log = (label: string) => void;

/** Runs `scenario` inside an fs.readFile callback and resolves with everything it logged. */
function recordInsideIo(scenario: (log: Log) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const logged: string[] = [];
    readFile(import.meta.filename ?? new URL(import.meta.url), (err) => {
      if (err) return reject(err);
      scenario((label) => logged.push(label));
      // 20 ms later every queue and phase used by the scenarios has run.
      setTimeout(() => resolve(logged), 20);
    });
  });
}

function scenario1(log: Log): void {
  log('sync start');
  setTimeout(() => log('setTimeout 0'), 0);
  setImmediate(() => log('setImmediate'));
  Promise.resolve().then(() => {
    log('then');
    process.nextTick(() => log('nextTick from then'));
  });
  process.nextTick(() => {
    log('nextTick');
    Promise.resolve().then(() => log('then from nextTick'));
  });
  queueMicrotask(() => log('queueMicrotask'));
  log('sync end');
}

function scenario2(log: Log): void {
  async function task(name: string): Promise<void> {
    log(`${name}: start`);
    await null;
    log(`${name}: after await`);
  }
  log('sync start');
  setImmediate(() => log('setImmediate'));
  void task('one');
  process.nextTick(() => log('nextTick'));
  void task('two');
  Promise.resolve().then(() => log('then'));
  log('sync end');
}

describe('event loop order (inside an I/O callback)', () => {
  it('scenario 1: your prediction lists every label exactly once', async () => {
    const actual = await recordInsideIo(scenario1);
    expect([...insideIoCallback].sort()).toEqual([...actual].sort());
  });

  it('scenario 1: sync code, then nextTick queue, then microtasks, then check phase, then timers', async () => {
    expect(insideIoCallback).toEqual(await recordInsideIo(scenario1));
  });

  it('scenario 2: your prediction lists every label exactly once', async () => {
    const actual = await recordInsideIo(scenario2);
    expect([...asyncFunctions].sort()).toEqual([...actual].sort());
  });

  it('scenario 2: an async function runs synchronously until its first await', async () => {
    expect(asyncFunctions).toEqual(await recordInsideIo(scenario2));
  });
});
