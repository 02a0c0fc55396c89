import { render } from 'ink-testing-library';
import { untilFrame } from './until-frame.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { App } from './App.js';
import { DepsContext } from './deps-context.js';

let deps: TestDeps;
afterEach(() => deps.dispose());

const tick = (ms = 80) => new Promise((r) => setTimeout(r, ms));
const until = untilFrame;

function mount(date: string, now: string, real = false) {
  deps = createTestDeps({ now, ...(real ? { runner: execaRunner() } : {}) });
  const app = render(
    <DepsContext.Provider value={deps}>
      <App date={date} tickMs={30} bell={false} />
    </DepsContext.Provider>,
  );
  return app;
}

describe('the workbench', () => {
  it('shows home: position, slot, material, timer, streak and the keys', async () => {
    const app = mount('2025-06-16', '2025-06-16T09:00:00');
    const f = await until(app.lastFrame, 'Phase 1 · week 1');
    expect(f).toContain('Theory: Read or watch');
    expect(f).toContain('The event loop, libuv and the thread pool');
    expect(f).toContain('00:00 of 30:00 not started');
    expect(f).toContain('Streak 0 days');
    expect(f).toMatch(/Phase\s+[█░]+ day 4 of 24/);
    expect(f).toMatch(/Plan\s+[█░]+ day 4 of 174/);
    expect(f).toMatch(/space start\/pause · x stop · 1 home · 2 session · 3 drill · 4 katas · \? help/);
    app.unmount();
  });

  it('starts, ticks, pauses and resumes the session with single keys, and stops it into the store', async () => {
    const app = mount('2025-06-19', '2025-06-19T09:00:00');
    await until(app.lastFrame, 'Katas:');
    // The first frame paints before Ink's input listener is attached (a passive effect): let it settle.
    await tick(200);
    app.stdin.write(' ');
    let f = await until(app.lastFrame, 'running');
    expect(f).toContain('[>]  5 min Warm-up cards');
    deps.setNow('2025-06-19T09:07:30');
    f = await until(app.lastFrame, '07:30 of 30:00');
    expect(f).toMatch(/\[x\]\s+5 min Warm-up cards/);
    expect(f).toContain('[>] 25 min Kata · 23 min left');
    app.stdin.write(' ');
    await until(app.lastFrame, 'paused');
    deps.setNow('2025-06-19T09:20:00');
    await tick(100);
    expect(app.lastFrame()).toContain('07:30 of 30:00');
    app.stdin.write(' ');
    await until(app.lastFrame, 'running');
    deps.setNow('2025-06-19T09:42:30');
    f = await until(app.lastFrame, 'Day complete: 30 of 30 min. Streak 1.');
    app.stdin.write('x');
    await until(app.lastFrame, 'Stopped: minutes logged.');
    const sessions = await (await deps.store()).sessions.all();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.endedAt).not.toBeNull();
    app.unmount();
  });

  it('switches screens from the registry and shows help', async () => {
    const app = mount('2025-06-15', '2025-06-15T09:00:00');
    await until(app.lastFrame, 'rest day');
    await tick(200);
    app.stdin.write('2');
    await until(app.lastFrame, 'No time-boxes today: it is a rest day.');
    app.stdin.write('?');
    const f = await until(app.lastFrame, 'start, pause or resume the session');
    expect(f).toMatch(/1\s+Home screen/);
    expect(f).toMatch(/2\s+Session screen/);
    app.stdin.write('\u001b');
    await until(app.lastFrame, 'Sunday is a rest day');
    app.unmount();
  });

  it('drills cards on the drill screen: reveal, grade (stored at once), undo', async () => {
    const app = mount('2025-06-13', '2025-06-13T09:00:00');
    await until(app.lastFrame, 'Flashcards');
    await tick(200);
    app.stdin.write('3');
    let f = await until(app.lastFrame, 'Q:');
    expect(f).toContain('new 20 · learning 0 · review 0');
    expect(f).not.toContain('A:');
    await tick(200);
    app.stdin.write(' ');
    await until(app.lastFrame, 'A:');
    app.stdin.write('3');
    f = await until(app.lastFrame, 'Good → again in 10 min');
    expect(f).toContain('1 reviewed in this drill');
    const store = await deps.store();
    expect(await store.cards.logs()).toHaveLength(1);
    // The shell did not take '3' or space for itself: no session was started.
    expect(await store.sessions.all()).toHaveLength(0);
    await tick(200);
    app.stdin.write('u');
    await until(app.lastFrame, 'Undid the grade of');
    expect(await store.cards.logs()).toHaveLength(0);
    app.unmount();
  });

  it('lists the phase katas, starts one and shows live watch verdicts until it passes', async () => {
    const app = mount('2025-06-19', '2025-06-19T09:00:00', true);
    await until(app.lastFrame, 'Katas:');
    await tick(200);
    app.stdin.write('4');
    let f = await until(app.lastFrame, '· p1.typed-event-emitter');
    expect(f).toContain('· p1.typed-event-emitter');
    await tick(200);
    app.stdin.write('\r');
    f = await until(app.lastFrame, /✗ \d+ of \d+ failing/, 20_000);
    const kata = join(deps.paths.defaultWorkspace, 'katas/phase-1/01-event-loop-order/kata.ts');
    cpSync(join(deps.paths.packageRoot, 'exercises/phase-1/01-event-loop-order/solution/kata.ts'), kata);
    f = await until(app.lastFrame, /✓ passed: \d+ tests/, 20_000);
    f = await until(app.lastFrame, '✓ p1.event-loop-order', 5_000);
    app.unmount();
  }, 40_000);
});
