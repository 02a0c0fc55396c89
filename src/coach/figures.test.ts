import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replanRun } from '../cli/commands/replan.js';
import { reportRun, reviewRun } from '../cli/commands/report.js';
import { statusRun } from '../cli/commands/status.js';
import { todayRun } from '../cli/commands/today.js';
import { bufferIo } from '../system/io.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { App } from '../tui/App.js';
import { DepsContext } from '../tui/deps-context.js';
import { spendFreeze } from './freeze.js';
import { initProfile } from './init.js';
import { startSession, stopSession } from './session.js';

/**
 * One known history, and every command's figures for one day compared with each other and with values worked
 * out by hand. The plan starts Mon 2 Nov 2026: 174 study days = 29 Mon–Sat weeks, so it ends Sat 22 May 2027.
 * Done: Mon 2, Tue 3, Wed 4, Fri 6, Mon 9 Nov; missed: Thu 5 and Sat 7 (frozen). Seen on Tue 10 Nov, the two
 * missed days are owed: the projected end is two study days later, Tue 25 May 2027. Sessions on Thu 12 and Fri
 * 13 Nov come after that day and must not count in anything shown "as of" 10 Nov.
 */
const D = '2026-11-10';
const PLANNED_END = '2027-05-22';
const PROJECTED_END = '2027-05-25';
const DONE = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-06', '2026-11-09'];
const LATER = ['2026-11-12', '2026-11-13'];

let deps: TestDeps;
beforeEach(async () => {
  deps = createTestDeps({ now: '2026-11-02T08:00:00' });
  await initProfile(deps, { start: '2026-11-02' }, '2026-11-02');
  for (const day of [...DONE, ...LATER]) {
    deps.setNow(`${day}T09:00:00`);
    await startSession(deps, day);
    deps.setNow(`${day}T09:30:00`);
    await stopSession(deps);
  }
  deps.setNow('2026-11-09T08:00:00');
  await spendFreeze(deps, '2026-11-07', '2026-11-09');
  // The commands run later than the day they are asked about.
  deps.setNow('2026-11-14T12:00:00');
});
afterEach(() => deps.dispose());

/** Runs a command's run function with its own buffered output and returns what it printed. */
async function json<T>(run: (d: TestDeps) => Promise<void>): Promise<T> {
  const io = bufferIo();
  await run({ ...deps, io } as TestDeps);
  return JSON.parse(io.stdout()) as T;
}

describe(`every command's figures for ${D}`, () => {
  it('agree with each other and with the hand-worked values', async () => {
    const status = await json<{ plannedEnd: string; projectedEnd: string; pace: number; backlog: { days: number; dates: string[] }; totals: { done: number } }>((d) =>
      statusRun(d, { date: D, json: true }),
    );
    const replan = await json<{ oldEnd: string; newEnd: string; shifted: string[]; applied: boolean }>((d) => replanRun(d, { date: D, dryRun: true, json: true }));
    const today = await json<{ planEnd: string; projectedEnd: string; backlog: number; backlogDates: string[]; streak: number; minutesDone: number }>((d) => todayRun(d, { date: D, json: true }));
    const report = await json<{ plan: { plannedEnd: string; projectedEnd: string; studyDaysDone: number }; backlogDays: number; streak: { current: number }; totalMinutes: number }>((d) =>
      reportRun(d, { date: D, json: true }),
    );
    const review = await json<{ done: number; minutes: number; slipped: string[]; suggestion: { rule: string } }>((d) => reviewRun(d, { date: D, json: true }));

    expect(status).toMatchObject({ plannedEnd: PLANNED_END, projectedEnd: PROJECTED_END, backlog: { days: 2, dates: ['2026-11-05', '2026-11-07'] }, totals: { done: 5 } });
    expect(status.pace).toBeCloseTo(5 / 7, 10);
    expect(replan).toMatchObject({ oldEnd: PLANNED_END, newEnd: PROJECTED_END, shifted: ['2026-11-05', '2026-11-07'], applied: false });
    expect(today).toMatchObject({ planEnd: PLANNED_END, projectedEnd: PROJECTED_END, backlog: 2, backlogDates: ['2026-11-05', '2026-11-07'], minutesDone: 0 });
    expect(report.plan).toMatchObject({ plannedEnd: PLANNED_END, projectedEnd: PROJECTED_END, studyDaysDone: 5 });
    expect(report.backlogDays).toBe(2);
    // Thu 5 broke the run; Sat 7 (frozen) and Sun 8 bridge Fri 6 to Mon 9.
    expect(today.streak).toBe(2);
    expect(report.streak.current).toBe(2);
    // Nothing after 10 Nov counts: five 30-minute days, and this week only Mon 9.
    expect(report.totalMinutes).toBe(5 * 30);
    expect(review).toMatchObject({ done: 1, minutes: 30, slipped: [] });
  });

  it('the text of status, replan and report says the same dates', async () => {
    const text = async (run: (d: TestDeps) => Promise<void>): Promise<string> => {
      const io = bufferIo();
      await run({ ...deps, io } as TestDeps);
      return io.stdout();
    };
    expect(await text((d) => statusRun(d, { date: D }))).toContain('planned Sat 22 May 2027 · projected Tue 25 May 2027');
    expect(await text((d) => replanRun(d, { date: D, dryRun: true }))).toMatch(/old\s+Sat 22 May 2027\nnew\s+Tue 25 May 2027/);
    expect(await text((d) => reportRun(d, { date: D }))).toContain('planned end Sat 22 May 2027, projected Tue 25 May 2027');
    expect(await text((d) => todayRun(d, { date: D }))).toContain('ends Tue 25 May 2027 instead of Sat 22 May 2027');
  });

  it('the TUI home shows the same projected end', async () => {
    const app = render(createElement(DepsContext.Provider, { value: deps }, createElement(App, { date: D, tickMs: 50, bell: false })));
    const end = Date.now() + 5000;
    while (!(app.lastFrame() ?? '').includes('projected end') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(app.lastFrame()).toContain(`Your plan runs 2026-11-02 → ${PLANNED_END} · projected end ${PROJECTED_END}`);
    app.unmount();
  });

  it('a later day counts the later sessions', async () => {
    const status = await json<{ totals: { done: number }; backlog: { days: number } }>((d) => statusRun(d, { date: '2026-11-14', json: true }));
    // Done 2, 3, 4, 6, 9, 12, 13; missed 5, 7 (frozen), 10, 11.
    expect(status).toMatchObject({ totals: { done: 7 }, backlog: { days: 4 } });
  });
});
