import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLifecycle, type LifecycleHost } from './lifecycle.js';

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
