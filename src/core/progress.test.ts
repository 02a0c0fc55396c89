import { describe, expect, it } from 'vitest';
import { loadPlan } from '../content/load-plan.js';
import { findPackageRoot } from '../system/paths.js';
import { buildCalendar } from './calendar.js';
import { computeBacklog, computeStatus, computeToday, replanCalendar, type History } from './progress.js';
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

describe('backlog', () => {
  it('counts missed study days before today, not Sundays, not today', () => {
    const h = history({ sessions: [done('2025-06-12')] });
    expect(computeBacklog(seed, h, '2025-06-17', new Set(['2025-06-12'])).dates).toEqual(['2025-06-13', '2025-06-14', '2025-06-16']);
  });

  it('counts nothing before the learner started tracking', () => {
    expect(computeBacklog(seed, history({ trackedFrom: '2025-06-16' }), '2025-06-17', new Set()).days).toBe(1);
    expect(computeBacklog(seed, history({ trackedFrom: null }), '2025-06-17', new Set()).days).toBe(0);
  });
});

describe('replan', () => {
  it('shifts the rest of the plan by the missed days', () => {
    const h = history({ sessions: [done('2025-06-12')] });
    const backlog = computeBacklog(seed, h, '2025-06-17', new Set(['2025-06-12']));
    const r = replanCalendar(plan, seed, backlog);
    expect(r.oldEnd).toBe('2025-12-31');
    expect(r.newEnd).toBe('2026-01-03');
    expect(r.calendar.days).toHaveLength(174);
    expect(r.calendar.days).not.toContain('2025-06-13');
    // Phase 1 ends three study days later.
    expect(r.calendar.phases[0]!.end).toBe('2025-07-12');
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

  it('projects the end date from the pace so far', () => {
    // Two of four elapsed study days done: half pace doubles the time left.
    const h = history({ sessions: [done('2025-06-12'), done('2025-06-14')] });
    const v = computeStatus(plan, seed, h, '2025-06-17', now('2025-06-17'));
    expect(v.totals).toMatchObject({ done: 2, total: 174 });
    expect(v.pace).toBe(0.5);
    expect(v.phases[0]).toMatchObject({ state: 'current', studyDays: { done: 2, total: 24 } });
    expect(v.projectedEnd! > seed.end).toBe(true);
  });

  it('projects the planned end when every day so far is done', () => {
    const days = seed.days.slice(0, 4);
    const v = computeStatus(plan, seed, history({ sessions: days.map(done) }), '2025-06-17', now('2025-06-17'));
    expect(v.pace).toBe(1);
    expect(v.projectedEnd).toBe(seed.end);
  });
});
