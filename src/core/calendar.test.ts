import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../content/load-plan.js';
import { findPackageRoot } from '../system/paths.js';
import { buildCalendar, dayInfo, phaseStudyDayCounts } from './calendar.js';
import { addDays, isSunday } from './local-date.js';

const plan = loadPlan(findPackageRoot());
const seed = buildCalendar(plan);

describe('the seed calendar', () => {
  it('reproduces every phase date of ROADMAP-2025.md', () => {
    expect(seed.phases.map((p) => [p.number, p.start, p.end])).toEqual(plan.phases.map((p) => [p.number, p.start, p.end]));
    expect(seed.start).toBe('2025-06-12');
    expect(seed.end).toBe('2025-12-31');
    expect(seed.days).toHaveLength(174);
  });

  it('has the study-day counts and weeks of each phase', () => {
    expect(phaseStudyDayCounts(plan)).toEqual([24, 20, 24, 16, 20, 24, 28, 12, 6]);
    expect(seed.phases.map((p) => p.weeks)).toEqual([4, 4, 4, 3, 4, 4, 5, 2, 1]);
  });

  it.each([
    ['2025-06-11', { kind: 'not-started', daysToGo: 1, startsOn: '2025-06-12' }],
    ['2025-06-12', { kind: 'study', phase: 1, week: 1, slot: 'katas', dayOfPlan: 1, dayOfPhase: 1 }],
    ['2025-06-14', { kind: 'study', phase: 1, slot: 'mini-project', dayOfPlan: 3 }],
    ['2025-06-15', { kind: 'rest', reason: 'sunday', phase: 1, week: 1 }],
    ['2025-06-16', { kind: 'study', phase: 1, week: 1, slot: 'theory', dayOfPhase: 4 }],
    ['2025-06-19', { kind: 'study', phase: 1, week: 2, slot: 'katas', dayOfPhase: 7 }],
    ['2025-07-09', { kind: 'study', phase: 1, week: 4, slot: 'docs', dayOfPhase: 24 }],
    ['2025-07-10', { kind: 'study', phase: 2, week: 1, slot: 'katas', dayOfPhase: 1, dayOfPlan: 25 }],
    ['2025-08-01', { kind: 'study', phase: 2, week: 4, slot: 'flashcards', dayOfPhase: 20 }],
    ['2025-08-02', { kind: 'study', phase: 3, week: 1, slot: 'mini-project', dayOfPhase: 1 }],
    ['2025-08-29', { kind: 'study', phase: 3, dayOfPhase: 24 }],
    ['2025-08-30', { kind: 'study', phase: 4, dayOfPhase: 1 }],
    ['2025-08-31', { kind: 'rest', reason: 'sunday', phase: 4 }],
    ['2025-09-17', { kind: 'study', phase: 4, week: 3, dayOfPhase: 16 }],
    ['2025-09-18', { kind: 'study', phase: 5, dayOfPhase: 1 }],
    ['2025-10-10', { kind: 'study', phase: 5, dayOfPhase: 20 }],
    ['2025-10-11', { kind: 'study', phase: 6, dayOfPhase: 1 }],
    ['2025-11-07', { kind: 'study', phase: 6, dayOfPhase: 24 }],
    ['2025-11-08', { kind: 'study', phase: 7, dayOfPhase: 1 }],
    ['2025-12-10', { kind: 'study', phase: 7, week: 5, dayOfPhase: 28 }],
    ['2025-12-11', { kind: 'study', phase: 8, dayOfPhase: 1 }],
    ['2025-12-24', { kind: 'study', phase: 8, dayOfPhase: 12 }],
    ['2025-12-25', { kind: 'study', phase: 9, dayOfPhase: 1 }],
    ['2025-12-31', { kind: 'study', phase: 9, slot: 'docs', dayOfPhase: 6, dayOfPlan: 174 }],
    ['2026-01-01', { kind: 'finished', endedOn: '2025-12-31' }],
  ])('%s', (date, expected) => {
    expect(dayInfo(seed, date)).toMatchObject(expected);
  });
});

describe('re-anchoring', () => {
  const anyDate = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('keeps each phase’s number of study days and never studies on a Sunday', () => {
    fc.assert(
      fc.property(anyDate, fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 10 }), (start, offsets) => {
        const excluded = offsets.map((o) => addDays(start, o));
        const cal = buildCalendar(plan, { start, excluded });
        expect(cal.phases.map((p) => p.studyDays)).toEqual(phaseStudyDayCounts(plan));
        expect(cal.days.some((d) => isSunday(d) || excluded.includes(d))).toBe(false);
        expect(cal.start >= start).toBe(true);
        for (let i = 1; i < cal.phases.length; i++) expect(cal.phases[i]!.start > cal.phases[i - 1]!.end).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives every Mon–Sat date in the plan a slot matching its weekday', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 260 }), (start, offset) => {
        const cal = buildCalendar(plan, { start });
        const info = dayInfo(cal, addDays(cal.start, offset));
        if (info.kind === 'study') expect(plan.week[info.weekday].slot).toBe(info.slot);
        if (info.kind === 'rest') expect(info.reason).toBe('sunday');
      }),
    );
  });

  it('moves a Sunday start to the Monday after', () => {
    expect(buildCalendar(plan, { start: '2026-01-04' }).start).toBe('2026-01-05');
  });
});
