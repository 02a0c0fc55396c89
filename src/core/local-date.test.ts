import { describe, expect, it } from 'vitest';
import { addDays, comingMonday, daysBetween, formatDuration, formatLongDate, mondayOf, parseLocalDate, weekdayOf } from './local-date.js';

describe('parseLocalDate', () => {
  it.each([
    ['2025-06-12', '2025-06-12'],
    [' 2026-01-01 ', '2026-01-01'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', undefined],
    ['2025-13-01', undefined],
    ['2025-6-12', undefined],
    ['12/06/2025', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseLocalDate(text)).toBe(expected);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and DST changes', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-06-12', '2025-12-31')).toBe(202);
  });

  it.each([
    ['2025-06-12', 'thu'],
    ['2025-06-15', 'sun'],
    ['2026-01-01', 'thu'],
  ])('%s is a %s', (d, wd) => {
    expect(weekdayOf(d)).toBe(wd);
  });

  it('finds the Monday of a week and formats dates for people', () => {
    expect(mondayOf('2025-06-15')).toBe('2025-06-09');
    expect(mondayOf('2025-06-16')).toBe('2025-06-16');
    expect(formatLongDate('2025-09-18')).toBe('Thu 18 Sep 2025');
  });
});

describe('comingMonday', () => {
  it.each([
    ['2026-12-02', '2026-12-07'],
    ['2026-12-07', '2026-12-07'],
    ['2026-12-06', '2026-12-07'],
    ['2026-12-05', '2026-12-07'],
    ['2026-12-08', '2026-12-14'],
  ])('%s → %s', (date, monday) => {
    expect(comingMonday(date)).toBe(monday);
  });
});

it.each([
  [0, '0 min'],
  [45.9, '45 min'],
  [60, '1 h'],
  [370, '6 h 10 min'],
])('formatDuration(%s) is %s', (m, text) => {
  expect(formatDuration(m)).toBe(text);
});
