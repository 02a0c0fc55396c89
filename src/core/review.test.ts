import { describe, expect, it } from 'vitest';
import { suggest, weeklyReview, type ReviewInput } from './review.js';

const base: ReviewInput = {
  today: '2025-07-05',
  monday: '2025-06-30',
  sunday: '2025-07-06',
  plannedDays: ['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04', '2025-07-05'],
  completed: new Set(['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04']),
  minutesThisWeek: 150,
  dailyTarget: 30,
  backlogDays: 0,
  phase: 2,
  cards: { dueToday: 10, trueRetention: 0.9, retentionReviews: 100, newPerDay: 20 },
  reviewsThisWeek: 60,
  katasPassedThisWeek: [],
  katasStuck: [],
  tasksCheckedThisWeek: [],
  criteriaFailing: [],
  streak: { current: 12, atRisk: false },
};

describe('the weekly suggestion, most pressing first', () => {
  it.each<[string, Partial<ReviewInput>, string, string | null]>([
    ['behind the plan', { backlogDays: 3, cards: { ...base.cards, dueToday: 150 } }, 'phase 2 is 3 study days behind: shift the rest of the plan past the missed days.', 'roadmap replan'],
    ['a card backlog', { cards: { ...base.cards, dueToday: 120 } }, 'cards backlog is 120: cap new cards at 10 a day this week and clear the reviews first.', 'roadmap cards config --new-per-day 10'],
    ['low retention', { cards: { ...base.cards, trueRetention: 0.72, retentionReviews: 40 } }, 'true retention is 72% (target 90%): fewer new cards, and rewrite the cards you keep failing in your own words.', 'roadmap cards config --new-per-day 10'],
    ['a failing criterion', { criteriaFailing: [{ id: 'p2.ac.cached-50ms', phase: 2, reason: 'p99 80 ms.' }] }, 'p2.ac.cached-50ms does not hold yet: p99 80 ms.', 'roadmap verify phase-2'],
    ['a stuck kata', { katasStuck: [{ id: 'p2.sql-joins', attempts: 2 }, { id: 'p2.indexes', attempts: 7 }] }, 'kata p2.indexes has 7 failed checks: take the next hint instead of another try.', 'roadmap kata hint p2.indexes'],
    ['a streak at risk', { streak: { current: 12, atRisk: true } }, 'your 12-day streak ends tonight without a session.', 'roadmap start'],
    ['on track', {}, 'on track: keep the daily 30 minutes.', null],
  ])('%s', (_name, change, text, command) => {
    expect(suggest({ ...base, ...change })).toMatchObject({ text, command });
  });

  it('a low retention over few reviews is noise, not a suggestion', () => {
    expect(suggest({ ...base, cards: { ...base.cards, trueRetention: 0.5, retentionReviews: 5 } }).rule).toBe('on-track');
  });

  it('a card backlog with new cards already capped is not repeated', () => {
    expect(suggest({ ...base, cards: { ...base.cards, dueToday: 150, newPerDay: 10 } }).rule).toBe('on-track');
  });
});

describe('the week against the plan', () => {
  it('counts planned, due and done days and lists what slipped before today', () => {
    const r = weeklyReview({ ...base, completed: new Set(['2025-06-30', '2025-07-02']) });
    expect(r).toMatchObject({ planned: 6, due: 6, done: 2, slipped: ['2025-07-01', '2025-07-03', '2025-07-04'], targetMinutes: 180, minutes: 150 });
  });
});
