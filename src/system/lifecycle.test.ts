import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../cli/exit-codes.js';
import { createLifecycle, INTERRUPTS, type LifecycleHost } from './lifecycle.js';

function fakeHost(): LifecycleHost & { emitter: EventEmitter; exits: number[]; lines: string[]; exited: Promise<number> } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  let onExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  return {
    emitter,
    exits,
    lines,
    exited,
    debug: false,
    on: (event, listener) => emitter.on(event, listener),
    exit: (code) => {
      exits.push(code);
      emitter.emit('exit');
      onExit(code);
    },
    writeErr: (line) => lines.push(line),
  };
}

describe('lifecycle', () => {
  it('on the first SIGINT aborts, runs the cleanups newest first, says one line and exits 130', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    const order: string[] = [];
    life.defer(() => void order.push('services'));
    life.defer(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('target');
    });
    life.onExit(() => order.push('exit hook'));
    host.emitter.emit('SIGINT');
    expect(life.signal.aborted).toBe(true);
    expect(life.signal.reason).toBe('SIGINT');
    expect(await host.exited).toBe(130);
    expect(order).toEqual(['target', 'services', 'exit hook']);
    expect(host.lines).toEqual(['roadmap: stopped (Ctrl-C)\n']);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('exits %s with %i', async (signal, code) => {
    const host = fakeHost();
    createLifecycle(host);
    host.emitter.emit(signal);
    expect(await host.exited).toBe(code);
  });

  it('a second signal does not wait for a cleanup that hangs', async () => {
    const host = fakeHost();
    const life = createLifecycle(host, 60_000);
    let killed = false;
    life.defer(() => new Promise(() => {}));
    life.onExit(() => (killed = true));
    host.emitter.emit('SIGINT');
    host.emitter.emit('SIGINT');
    expect(await host.exited).toBe(130);
    expect(killed).toBe(true);
  });

  it('a failing cleanup never skips the others', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    let ran = false;
    life.defer(() => void (ran = true));
    life.defer(() => {
      throw new Error('boom');
    });
    host.emitter.emit('SIGTERM');
    await host.exited;
    expect(ran).toBe(true);
  });

  it('a crash runs the cleanups and exits 1 with the message', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    let ran = false;
    life.defer(() => void (ran = true));
    host.emitter.emit('uncaughtException', new Error('disk on fire'));
    expect(await host.exited).toBe(1);
    expect(ran).toBe(true);
    expect(host.lines).toEqual(['roadmap: unexpected error: disk on fire\n']);
  });

  it('release runs a cleanup once and takes it off the list; cancel only takes it off', async () => {
    const life = createLifecycle();
    const calls: string[] = [];
    const a = life.defer(() => void calls.push('a'));
    const b = life.defer(() => void calls.push('b'));
    await a.release();
    await a.release();
    b.cancel();
    await life.runCleanups();
    expect(calls).toEqual(['a']);
  });
});

describe('lifecycle, more', () => {
  it('its exit codes are the documented ones', () => {
    expect([INTERRUPTS.SIGINT.code, INTERRUPTS.SIGTERM.code, INTERRUPTS.SIGHUP.code]).toEqual([ExitCode.Cancelled, ExitCode.Terminated, ExitCode.HungUp]);
  });

  it('a crash described by the TUI says so instead of "unexpected error"', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    const off = life.explainCrash((m) => `the TUI crashed: ${m}`);
    host.emitter.emit('unhandledRejection', new Error('boom'));
    expect(await host.exited).toBe(1);
    expect(host.lines).toEqual(['roadmap: the TUI crashed: boom\n']);
    off();
  });

  it('end() runs the cleanups and exits with its code, without a line (the reader of a pipe went away)', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    let ran = false;
    life.defer(() => void (ran = true));
    life.end(0, 'EPIPE');
    expect(await host.exited).toBe(0);
    expect(ran).toBe(true);
    expect(host.lines).toEqual([]);
    expect(life.signal.reason).toBe('EPIPE');
  });

  it('a cleanup registered while the others run is run too; release waits for a cleanup already running', async () => {
    const life = createLifecycle();
    const order: string[] = [];
    let finish: () => void = () => {};
    const slow = life.defer(() => new Promise<void>((r) => (finish = r)).then(() => void order.push('slow')));
    life.defer(() => {
      life.defer(() => void order.push('late'));
    });
    const all = life.runCleanups();
    await new Promise((r) => setTimeout(r, 0));
    const released = slow.release().then(() => order.push('released'));
    finish();
    await Promise.all([all, released]);
    expect(order).toEqual(['late', 'slow', 'released']);
  });
});

describe('Ctrl-C lent to a program on the terminal', () => {
  it('SIGINT is ignored while an editor or pager runs; SIGTERM still stops roadmap; Ctrl-C acts again once given back', async () => {
    const host = fakeHost();
    const life = createLifecycle(host);
    const giveBack = life.lendCtrlC();
    host.emitter.emit('SIGINT');
    expect(life.signal.aborted).toBe(false);
    giveBack();
    giveBack();
    host.emitter.emit('SIGINT');
    expect(await host.exited).toBe(130);

    const other = fakeHost();
    const life2 = createLifecycle(other);
    life2.lendCtrlC();
    other.emitter.emit('SIGTERM');
    expect(await other.exited).toBe(143);
  });
});

describe('the process-wide lifecycle in a real process', () => {
  const children: ResultPromise[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.kill('SIGKILL');
      await c.catch(() => undefined);
    }
  });

  function start(cleanup: 'finishes' | 'hangs', graceMs: number, then: 'wait' | 'crash' = 'wait') {
    const child = execa(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lifecycle-fixture.ts'), cleanup, String(graceMs), then], { reject: false });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const ready = new Promise<void>((resolve) => child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve()));
    const seen = (text: string): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => void (stderr.includes(text) && resolve());
        child.stderr!.on('data', check);
        check();
      });
    return { child, ready, seen, stderr: () => stderr };
  }

  it.each([
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM'],
    ['SIGHUP', 129, 'SIGHUP'],
  ] as const)('%s: the cleanup runs with the signal aborted, then one line, the exit hook, and exit %i', async (signal, code, name) => {
    const p = start('finishes', 60_000);
    await p.ready;
    p.child.kill(signal);
    expect((await p.child).exitCode).toBe(code);
    expect(p.stderr()).toBe(`cleanup started\ncleanup done (signal aborted: true, reason: ${signal})\nroadmap: stopped (${name})\nexit hook\n`);
  });

  it('a cleanup that hangs is given up after the grace period: roadmap still exits, with its line and its exit hook', async () => {
    const p = start('hangs', 300);
    await p.ready;
    p.child.kill('SIGINT');
    expect((await p.child).exitCode).toBe(130);
    expect(p.stderr()).toBe('cleanup started\nroadmap: stopped (Ctrl-C)\nexit hook\n');
  });

  it('a second signal does not wait for the cleanups: the exit hook runs and roadmap exits at once', async () => {
    const p = start('hangs', 600_000);
    await p.ready;
    p.child.kill('SIGTERM');
    await p.seen('cleanup started');
    p.child.kill('SIGTERM');
    expect((await p.child).exitCode).toBe(143);
    expect(p.stderr()).toBe('cleanup started\nroadmap: stopped (SIGTERM)\nexit hook\n');
  });

  it('an unhandled rejection runs the cleanups and exits 1 with one line', async () => {
    const p = start('finishes', 60_000, 'crash');
    expect((await p.child).exitCode).toBe(1);
    expect(p.stderr()).toBe('cleanup started\ncleanup done (signal aborted: true, reason: crash)\nroadmap: unexpected error: the disk is on fire\nexit hook\n');
  });
});
