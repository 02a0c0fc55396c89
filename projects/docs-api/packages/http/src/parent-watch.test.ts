import { afterEach, describe, expect, it, vi } from 'vitest';
import { PARENT_CHECK_INTERVAL_MS, PARENT_PID_ENV, watchParent } from './parent-watch.js';

// The watch in-process, with the parent's pid and liveness injected and the interval on fake timers: which
// starts decide to watch, and what each kind of parent death reports. serve-binary.test.ts proves the same on the
// built binary with a real parent SIGKILLed.
describe('watchParent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['no ROADMAP_PARENT_PID and stdin not a pipe', undefined],
    ['an empty ROADMAP_PARENT_PID', ''],
    ['a ROADMAP_PARENT_PID that is not a pid', 'abc'],
    ['a ROADMAP_PARENT_PID of 0', '0'],
    ['a negative ROADMAP_PARENT_PID', '-5'],
    ['a fractional ROADMAP_PARENT_PID', '1.5'],
  ])('watches nothing with %s', (_name, parentPid) => {
    const onGone = vi.fn();
    const stop = watchParent({ ...(parentPid === undefined ? {} : { parentPid }), stdinIsPipe: false, ppid: () => 1, onGone });
    expect(stop).toBeUndefined();
    expect(onGone).not.toHaveBeenCalled();
  });

  it('stdin a pipe: reports the direct parent gone once we are reparented, once', async () => {
    vi.useFakeTimers();
    let ppid = 100;
    const onGone = vi.fn();
    const stop = watchParent({ stdinIsPipe: true, ppid: () => ppid, isAlive: () => true, onGone });
    expect(stop).toBeTypeOf('function');
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS * 3);
    expect(onGone).not.toHaveBeenCalled();
    ppid = 1;
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS);
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(onGone).toHaveBeenCalledWith('parent process 100 is gone');
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS * 3);
    expect(onGone).toHaveBeenCalledTimes(1);
    stop!();
  });

  it('ROADMAP_PARENT_PID further up than the direct parent: reports it gone when kill(pid, 0) fails', async () => {
    vi.useFakeTimers();
    let alive = true;
    const onGone = vi.fn();
    const checked: number[] = [];
    const stop = watchParent({
      parentPid: '4242',
      stdinIsPipe: false,
      // The direct parent (npx, a shell) is reparented too, but it is not the one named: only 4242 counts.
      ppid: () => 100,
      isAlive: (pid) => (checked.push(pid), alive),
      intervalMs: 50,
      onGone,
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(onGone).not.toHaveBeenCalled();
    expect(new Set(checked)).toEqual(new Set([4242]));
    alive = false;
    await vi.advanceTimersByTimeAsync(50);
    expect(onGone).toHaveBeenCalledExactlyOnceWith(`parent process 4242 (${PARENT_PID_ENV}) is gone`);
    stop!();
  });

  it('ROADMAP_PARENT_PID the direct parent: reparenting is enough, kill(pid, 0) is not needed', async () => {
    vi.useFakeTimers();
    let ppid = 4242;
    const onGone = vi.fn();
    watchParent({ parentPid: '4242', stdinIsPipe: false, ppid: () => ppid, isAlive: () => true, onGone });
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS);
    expect(onGone).not.toHaveBeenCalled();
    ppid = 1;
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS);
    expect(onGone).toHaveBeenCalledExactlyOnceWith('parent process 4242 is gone');
  });

  it('a parent that died before the watch started is reported at once, not a tick later', async () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    watchParent({ parentPid: '4242', stdinIsPipe: false, ppid: () => 100, isAlive: () => false, onGone });
    expect(onGone).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(onGone).toHaveBeenCalledExactlyOnceWith(`parent process 4242 (${PARENT_PID_ENV}) is gone`);
  });

  it('stop ends the watch: a parent gone afterwards is not reported', async () => {
    vi.useFakeTimers();
    let ppid = 100;
    const onGone = vi.fn();
    const stop = watchParent({ stdinIsPipe: true, ppid: () => ppid, onGone });
    await Promise.resolve();
    stop!();
    ppid = 1;
    await vi.advanceTimersByTimeAsync(PARENT_CHECK_INTERVAL_MS * 4);
    expect(onGone).not.toHaveBeenCalled();
  });

  it('by default looks at this process: its own parent and a pid that exists are there, a dead pid is not', async () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    // Our own pid exists; a pid above the kernel's pid_max does not.
    const alive = watchParent({ parentPid: String(process.pid), stdinIsPipe: false, intervalMs: 10, onGone });
    await vi.advanceTimersByTimeAsync(50);
    expect(onGone).not.toHaveBeenCalled();
    alive!();
    const dead = watchParent({ parentPid: String(2 ** 22 + 1), stdinIsPipe: false, intervalMs: 10, onGone });
    await vi.advanceTimersByTimeAsync(10);
    expect(onGone).toHaveBeenCalledExactlyOnceWith(`parent process ${2 ** 22 + 1} (${PARENT_PID_ENV}) is gone`);
    dead!();
  });

  it('pid 1 exists but is not ours to signal (EPERM): it counts as alive', async () => {
    // Only meaningful when we are not root (root may signal pid 1, which exists either way).
    vi.useFakeTimers();
    const onGone = vi.fn();
    const stop = watchParent({ parentPid: '1', stdinIsPipe: false, ppid: () => 100, intervalMs: 10, onGone });
    await vi.advanceTimersByTimeAsync(50);
    expect(onGone).not.toHaveBeenCalled();
    stop!();
  });
});
