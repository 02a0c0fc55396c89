import { describe, expect, it } from 'vitest';
import { loadPlan } from '../content/load-plan.js';
import { findPackageRoot } from '../system/paths.js';
import { buildCalendar } from './calendar.js';
import { computeStatus, computeToday, projectionOf, replanCalendar, type History } from './progress.js';
import type { SessionRecord } from './session.js';

const plan = loadPlan(findPackageRoot());
const seed = buildCalendar(plan);
let id = 0;
const done = (day: string): SessionRecord => {
  const start = Date.parse(`${day}T09:00:00Z`);
  return { id: ++id, day, startedAt: start, endedAt: start + 30 * 60_000, pausedAt: null, pausedMs: 0, targetMinutes: 30 };
};
const history = (p: Partial<History>): History => ({
  sessions: [],
  frozen: new Set(),
  checkedTasks: new Set(),
  verifiedCriteria: new Set(),
  trackedFrom: '2025-06-12',
  ...p,
});
const now = (day: string) => Date.parse(`${day}T12:00:00Z`);

const project = (h: History, today: string) => projectionOf(plan, seed, h, today, now(today));

describe('backlog', () => {
  it('counts missed study days before today, not Sundays, not today', () => {
    const h = history({ sessions: [done('2025-06-12')] });
    expect(project(h, '2025-06-17').backlog.dates).toEqual(['2025-06-13', '2025-06-14', '2025-06-16']);
  });

  it('counts nothing before the learner started tracking', () => {
    expect(project(history({ trackedFrom: '2025-06-16' }), '2025-06-17').backlog.days).toBe(1);
    expect(project(history({ trackedFrom: null }), '2025-06-17').backlog.days).toBe(0);
  });
});

describe('replan', () => {
  it('shifts the rest of the plan by the missed days', () => {
    const h = history({ sessions: [done('2025-06-12')] });
    const r = replanCalendar(project(h, '2025-06-17'));
    expect(r.oldEnd).toBe('2025-12-31');
    expect(r.newEnd).toBe('2026-01-03');
    expect(r.calendar.days).toHaveLength(174);
    expect(r.calendar.days).not.toContain('2025-06-13');
    // Phase 1 ends three study days later.
    expect(r.calendar.phases[0]!.end).toBe('2025-07-12');
  });
});

describe('the projection', () => {
  it('is the replanned end: every study day from today on, the missed ones shifted', () => {
    // 12 Jun done, 13 and 14 missed, today Mon 16 Jun: two study days late.
    const p = project(history({ sessions: [done('2025-06-12')] }), '2025-06-16');
    expect(p).toMatchObject({ plannedEnd: '2025-12-31', projectedEnd: '2026-01-02', done: 1, total: 174, remaining: 173, pace: 1 / 3 });
    expect(replanCalendar(p).newEnd).toBe(p.projectedEnd);
  });

  it('is the planned end when nothing is missed, and one study day later per missed day', () => {
    const all = seed.days.slice(0, 10);
    expect(project(history({ sessions: all.map(done) }), seed.days[10]!).projectedEnd).toBe('2025-12-31');
    const missing = all.filter((d) => d !== '2025-06-18');
    expect(project(history({ sessions: missing.map(done) }), seed.days[10]!).projectedEnd).toBe('2026-01-01');
  });

  it('keeps a frozen day in the backlog: the streak survives, the work is still owed', () => {
    const h = history({ sessions: [done('2025-06-12'), done('2025-06-13')], frozen: new Set(['2025-06-14']) });
    expect(project(h, '2025-06-16')).toMatchObject({ backlog: { dates: ['2025-06-14'] }, projectedEnd: '2026-01-01' });
  });

  it('lays what is left from today once the plan’s own dates are past (a replan is then final)', () => {
    // Tracked from the seed's start, 10 days done, looked at on Mon 2 Feb 2026: 164 study days to go from today.
    const h = history({ sessions: seed.days.slice(0, 10).map(done) });
    const p = project(h, '2026-02-02');
    expect(p.remaining).toBe(164);
    const next = p.replanned;
    expect(next.days.filter((d) => d >= '2026-02-02')).toHaveLength(164);
    expect(next.days[10]).toBe('2026-02-02');
    // Replanning again the same day finds nothing left to shift.
    const again = projectionOf(plan, next, h, '2026-02-02', now('2026-02-02'));
    expect(again.backlog.days).toBe(0);
    expect(again.projectedEnd).toBe(p.projectedEnd);
  });

  it('is the planned end before the plan starts and for a plan tracked only after it ended', () => {
    expect(project(history({ trackedFrom: '2025-06-01' }), '2025-06-05').projectedEnd).toBe('2025-12-31');
    expect(project(history({ trackedFrom: '2026-03-02' }), '2026-03-10')).toMatchObject({ projectedEnd: '2025-12-31', backlog: { days: 0 } });
  });
});

describe('today and status', () => {
  it('lists the phase tasks of today’s slot, unchecked first', () => {
    const t = computeToday(plan, seed, history({ checkedTasks: new Set(['p1.event-loop-diagram']) }), '2025-06-17', now('2025-06-17'), 30);
    expect(t.info).toMatchObject({ kind: 'study', slot: 'code-along' });
    expect(t.tasks.map((x) => [x.id, x.checked])).toEqual([
      ['p1.cli-scraper', false],
      ['p1.event-loop-diagram', true],
    ]);
  });

  it('projects the end past the missed days and reports the pace so far', () => {
    // Two of four elapsed study days done: two missed days move the end by two study days.
    const h = history({ sessions: [done('2025-06-12'), done('2025-06-14')] });
    const v = computeStatus(plan, seed, h, '2025-06-17', now('2025-06-17'));
    expect(v.totals).toMatchObject({ done: 2, total: 174 });
    expect(v.pace).toBe(0.5);
    expect(v.phases[0]).toMatchObject({ state: 'current', studyDays: { done: 2, total: 24 } });
    expect(v).toMatchObject({ plannedEnd: '2025-12-31', projectedEnd: '2026-01-02', backlog: { days: 2 } });
  });

  it('projects the planned end when every day so far is done', () => {
    const days = seed.days.slice(0, 4);
    const v = computeStatus(plan, seed, history({ sessions: days.map(done) }), '2025-06-17', now('2025-06-17'));
    expect(v.pace).toBe(1);
    expect(v.projectedEnd).toBe(seed.end);
  });
});
