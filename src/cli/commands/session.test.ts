import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initProfile } from '../../coach/init.js';
import { getToday } from '../../coach/today.js';
import { UsageError } from '../../errors.js';
import { bufferIo } from '../../system/io.js';
import { createTestDeps, type TestDeps } from '../../system/test-deps.js';
import { pauseRun } from './pause.js';
import { startRun } from './start.js';
import { stopRun } from './stop.js';
import { todayRun } from './today.js';

let deps: TestDeps;
beforeEach(async () => {
  deps = createTestDeps({ now: '2025-06-12T08:00:00' });
  await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
});
afterEach(() => deps.dispose());

/** The same deps with their own output buffers: a terminal (answering `answers` in turn) or a pipe. */
function term(answers: readonly string[] | null) {
  const io = bufferIo(answers === null ? {} : { isTTY: true, answers });
  return { d: { ...deps, io } as TestDeps, io };
}

async function sessions() {
  return (await deps.store()).sessions.all();
}

describe('pause and start agree', () => {
  it('pause says a later day starts a new session, and a later start does exactly that', async () => {
    deps.setNow('2025-06-12T21:00:00');
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T21:12:00');
    const paused = term(null);
    await pauseRun(paused.d, {});
    expect(paused.io.stdout()).toBe('Paused at 12 min. `roadmap start` resumes it on Thu 12 Jun 2025; on a later day it logs these minutes for Thu 12 Jun 2025 and starts that day\'s session.\n');
    deps.setNow('2025-06-13T08:00:00');
    const next = term(null);
    await startRun(next.d, {});
    expect(next.io.stdout()).toContain('Closed the open session of Thu 12 Jun 2025: 12 min logged.');
    expect(next.io.stdout()).toContain("Started today's session for Fri 13 Jun 2025");
    const [first, second] = await sessions();
    expect(first).toMatchObject({ day: '2025-06-12', endedAt: Date.parse('2025-06-13T08:00:00') });
    expect(second).toMatchObject({ day: '2025-06-13', endedAt: null });
  });

  it('a start on the same day resumes the paused session', async () => {
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T08:05:00');
    await pauseRun(term(null).d, {});
    deps.setNow('2025-06-12T09:00:00');
    const again = term(null);
    await startRun(again.d, {});
    expect(again.io.stdout()).toContain('Resumed');
    expect(await sessions()).toHaveLength(1);
  });
});

describe('stop says what was logged', () => {
  it('nothing, for a session under a minute', async () => {
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T08:00:40');
    const t = term(null);
    await stopRun(t.d, {});
    expect(t.io.stdout()).toBe('Stopped after less than a minute: nothing logged for Thu 12 Jun 2025.\nNothing logged today yet: 30 min complete the day (`roadmap start`).\n');
  });

  it('minutes done and to go that add up to the target', async () => {
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T08:12:40');
    const t = term(null);
    await stopRun(t.d, {});
    expect(t.io.stdout()).toContain('12 min of 30 today; 18 min more completes the day');
  });

  it('--minutes logs the learner’s figure, within what the timer ran', async () => {
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T08:50:00');
    await expect(stopRun(term(null).d, { minutes: 51 })).rejects.toThrow(new UsageError('bad --minutes 51: the timer has run 50 min, so log a whole number from 0 to 50'));
    const t = term(null);
    await stopRun(t.d, { minutes: 35 });
    expect(t.io.stdout()).toContain('Stopped: 35 min logged for Thu 12 Jun 2025 (your figure).');
    expect((await getToday(deps, '2025-06-12')).minutesDone).toBe(35);
  });
});

describe('a timer left running', () => {
  // Started at 08:00 and forgotten: at 14:10 it has run 6 h 10 min with nothing recorded.
  beforeEach(async () => {
    await startRun(term(null).d, {});
    deps.setNow('2025-06-12T14:10:00');
  });

  it('is counted at the day’s target, not 180 min, before it is logged, and `today` piped says how to log it', async () => {
    const t = term(null);
    await todayRun(t.d, {});
    expect(t.io.stdout()).toContain('roadmap stop --minutes 30  the timer of Thu 12 Jun 2025 has run 6 h 10 min with nothing recorded for 6 h 10 min: it counts as 30 min');
    expect((await getToday(deps, '2025-06-12')).minutesDone).toBe(30);
    // Read-only: the session is still open for the learner to log.
    expect((await sessions())[0]!.endedAt).toBeNull();
  });

  it('on a terminal, stop asks how many minutes to log', async () => {
    const t = term(['45']);
    await stopRun(t.d, {});
    expect(t.io.stderr()).toContain('The timer of Thu 12 Jun 2025 has run 6 h 10 min with nothing recorded for 6 h 10 min: was it left running?');
    expect(t.io.stderr()).toContain('Minutes you studied [30]: ');
    expect(t.io.stdout()).toContain('Stopped: 45 min logged for Thu 12 Jun 2025 (your figure).');
    expect((await getToday(deps, '2025-06-12')).minutesDone).toBe(45);
  });

  it('on a terminal, Enter takes the day’s target, and a bad answer is asked again', async () => {
    const t = term(['lots', '']);
    await stopRun(t.d, {});
    expect(t.io.stderr()).toContain('a whole number of minutes from 0 to 180, please');
    expect(t.io.stdout()).toContain('Stopped: 30 min logged');
  });

  it.each([[{}], [{ json: true }]])('piped (%j), stop logs the day’s target and says so and how to log another figure', async (opts) => {
    const t = term(null);
    await stopRun(t.d, opts);
    expect(t.io.stderr()).toContain("roadmap: the timer of Thu 12 Jun 2025 ran 6 h 10 min with nothing recorded: logged 30 min, the day's target, not 6 h 10 min.");
    expect(t.io.stderr()).toContain('`roadmap stop --minutes N`');
    if ('json' in opts) expect(JSON.parse(t.io.stdout())).toMatchObject({ minutes: 30, ranMinutes: 370, capped: true, dayCompleted: true });
    expect((await getToday(deps, '2025-06-12')).minutesDone).toBe(30);
  });

  it('on a terminal, today asks too and logs the answer', async () => {
    const t = term(['20']);
    await todayRun(t.d, {});
    expect(t.io.stderr()).toContain('Logged 20 min for Thu 12 Jun 2025.');
    expect(t.io.stdout()).toContain('20 min of 30 · not running');
    expect((await sessions())[0]!.endedAt).not.toBeNull();
  });

  it('the next day, start logs it at the target (piped) instead of 180 min', async () => {
    deps.setNow('2025-06-13T08:00:00');
    const t = term(null);
    await startRun(t.d, {});
    expect(t.io.stdout()).toContain("Closed the open session of Thu 12 Jun 2025: 30 min logged (the day's target: the timer was left running).");
    expect(t.io.stderr()).toContain("logged 30 min, the day's target");
    expect((await getToday(deps, '2025-06-12')).minutesDone).toBe(30);
  });

  it('is not one while the learner works: a review an hour ago keeps the timer honest', async () => {
    const store = await deps.store();
    const at = Date.parse('2025-06-12T13:40:00');
    await store.db
      .insertInto('review_log')
      .values({ card_id: 'p1.x', day: '2025-06-12', rating: 3, state: 2, due: at, stability: 5, difficulty: 5, elapsed_days: 1, last_elapsed_days: 1, scheduled_days: 1, learning_steps: 0, review: at, before_json: null })
      .execute();
    expect((await getToday(deps, '2025-06-12')).session?.runaway).toBeNull();
  });
});
