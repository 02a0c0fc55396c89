import { describe, expect, it } from 'vitest';
import { computeStreak } from './streak.js';

const s = (today: string, completed: string[], frozen: string[] = []) =>
  computeStreak({ today, completed: new Set(completed), frozen: new Set(frozen) });

describe('computeStreak', () => {
  it('is zero with no history', () => {
    expect(s('2025-06-12', [])).toMatchObject({ current: 0, longest: 0, atRisk: false });
  });

  it('counts consecutive completed study days up to today', () => {
    expect(s('2025-06-14', ['2025-06-12', '2025-06-13', '2025-06-14'])).toMatchObject({ current: 3, todayDone: true });
  });

  it('does not break while today is still open, and says it is at risk', () => {
    expect(s('2025-06-14', ['2025-06-12', '2025-06-13'])).toMatchObject({ current: 2, atRisk: true, todayDone: false });
  });

  it('never breaks on a Sunday', () => {
    expect(s('2025-06-16', ['2025-06-13', '2025-06-14', '2025-06-16'])).toMatchObject({ current: 3 });
  });

  it('breaks on a missed study day', () => {
    expect(s('2025-06-17', ['2025-06-12', '2025-06-13', '2025-06-16', '2025-06-17'])).toMatchObject({ current: 2, longest: 2 });
  });

  it('bridges a frozen day without counting it', () => {
    expect(s('2025-06-17', ['2025-06-12', '2025-06-13', '2025-06-16', '2025-06-17'], ['2025-06-14'])).toMatchObject({ current: 4, longest: 4 });
  });

  it('keeps a 60-day streak through one sick day with a freeze', () => {
    const days: string[] = [];
    for (let d = new Date('2025-06-12T00:00:00Z'); days.length < 61; d.setUTCDate(d.getUTCDate() + 1)) {
      if (d.getUTCDay() !== 0) days.push(d.toISOString().slice(0, 10));
    }
    const sick = days[30]!;
    const completed = days.filter((d) => d !== sick);
    const today = days.at(-1)!;
    expect(s(today, completed).current).toBe(30);
    expect(s(today, completed, [sick]).current).toBe(60);
  });

  it('remembers the longest streak after a break', () => {
    expect(s('2025-06-20', ['2025-06-12', '2025-06-13', '2025-06-14', '2025-06-16', '2025-06-20'])).toMatchObject({ current: 1, longest: 4 });
  });
});
