import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { spendFreeze } from './freeze.js';
import { initProfile } from './init.js';
import { startSession, stopSession } from './session.js';
import { getToday } from './today.js';

let deps: TestDeps;
beforeEach(async () => {
  deps = createTestDeps({ now: '2025-06-12T08:00:00' });
  await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
});
afterEach(() => deps.dispose());

async function studied(day: string): Promise<void> {
  deps.setNow(`${day}T09:00:00`);
  await startSession(deps, day);
  deps.setNow(`${day}T09:30:00`);
  await stopSession(deps);
}

const next = async (day: string, time = '08:00:00') => {
  deps.setNow(`${day}T${time}`);
  return (await getToday(deps, day, { details: true })).next.map((n) => [n.command, n.text]);
};

describe('today names the next step', () => {
  it('Thursday: the timer, then `roadmap kata next` with the next kata’s id and title', async () => {
    expect(await next('2025-06-12')).toEqual([
      ['roadmap start', 'start the timer: 30 min to go'],
      ['roadmap kata next', 'p1.event-loop-order — Predict the event loop — nextTick, microtasks, timers, setImmediate'],
    ]);
  });

  it('Friday: the cards due and new today, `roadmap drill`, then `roadmap notes`', async () => {
    await studied('2025-06-12');
    expect(await next('2025-06-13')).toEqual([
      ['roadmap start', 'start the timer: 30 min to go'],
      ['roadmap drill', 'no reviews due: 20 new cards to learn today'],
      ['roadmap notes', "then write the week's wiki note in your own words"],
    ]);
  });

  it('after a missed study day: the freeze that saves the streak first, then the day, then replan', async () => {
    await studied('2025-06-12');
    await studied('2025-06-13');
    // Sat 14 missed; on Mon 16 the last study day was the Saturday.
    const steps = await next('2025-06-16');
    expect(steps[0]).toEqual(['roadmap freeze --date 2025-06-14', 'Sat 14 Jun 2025 was a missed study day: a streak freeze keeps your 2-day streak (2 freezes left for 2025-06)']);
    expect(steps.at(-1)).toEqual(['roadmap replan', '1 missed study day: replan shifts the plan past it (ends Thu 1 Jan 2026 instead of Wed 31 Dec 2025)']);
    expect(steps.map((s) => s[0])).toEqual(['roadmap freeze --date 2025-06-14', 'roadmap start', 'roadmap open', 'roadmap learn check', 'roadmap replan']);
  });

  it('says "yesterday" for yesterday, and no freeze once it is spent or there is no streak to save', async () => {
    await studied('2025-06-12');
    expect((await next('2025-06-14'))[0]).toEqual(['roadmap freeze --date yesterday', 'yesterday was a missed study day: a streak freeze keeps your 1-day streak (2 freezes left for 2025-06)']);
    await spendFreeze(deps, '2025-06-13', '2025-06-14');
    expect((await next('2025-06-14')).map((s) => s[0])).not.toContain('roadmap freeze --date yesterday');
    // On Thu 19 a freeze for Wed 18 would save nothing: Mon 16 and Tue 17 were missed too.
    expect((await next('2025-06-19')).some((s) => s[0]?.startsWith('roadmap freeze'))).toBe(false);
  });

  it('a completed day says so and asks for nothing more', async () => {
    await studied('2025-06-12');
    expect(await next('2025-06-12', '10:00:00')).toEqual([[null, 'day complete (30 min of 30): the streak goes on']]);
  });

  it('before the plan, and once its dates are past, says what to do instead', async () => {
    const d2 = createTestDeps({ now: '2026-12-02T08:00:00' });
    try {
      await initProfile(d2, {}, '2026-12-02');
      expect((await getToday(d2, '2026-12-02')).next).toEqual([
        { rule: 'not-started', text: 'your plan starts Mon 7 Dec 2026, in 5 days; to begin today instead', command: 'roadmap init --start today --force' },
      ]);
    } finally {
      await d2.dispose();
    }
    await studied('2025-06-12');
    deps.setNow('2026-12-02T08:00:00');
    expect((await getToday(deps, '2026-12-02')).next.map((n) => n.command)).toEqual(['roadmap replan', 'roadmap init --start 2026-12-07 --force']);
  });
});
