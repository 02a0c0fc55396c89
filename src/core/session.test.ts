import { describe, expect, it } from 'vitest';
import { completedDays, endForMinutes, MAX_SESSION_MINUTES, minutesByDay, runawayOf, sessionMinutes, sessionState, type SessionRecord } from './session.js';

const T0 = Date.parse('2025-06-12T09:00:00Z');
const min = (m: number) => m * 60_000;
const rec = (p: Partial<SessionRecord>): SessionRecord => ({ id: 1, day: '2025-06-12', startedAt: T0, endedAt: null, pausedAt: null, pausedMs: 0, targetMinutes: 30, ...p });

describe('sessionMinutes', () => {
  it('counts wall time of a running session', () => {
    expect(sessionMinutes(rec({}), T0 + min(12))).toBe(12);
  });

  it('does not count paused time, past or ongoing', () => {
    expect(sessionMinutes(rec({ pausedMs: min(5) }), T0 + min(20))).toBe(15);
    expect(sessionMinutes(rec({ pausedAt: T0 + min(10) }), T0 + min(25))).toBe(10);
    expect(sessionState(rec({ pausedAt: T0 }))).toBe('paused');
  });

  it('stops at the end of a stopped session', () => {
    expect(sessionMinutes(rec({ endedAt: T0 + min(31) }), T0 + min(300))).toBe(31);
  });

  it('caps a session left running overnight', () => {
    expect(sessionMinutes(rec({}), T0 + min(60 * 20))).toBe(MAX_SESSION_MINUTES);
  });
});

describe('days', () => {
  it('adds sessions of a day and completes it at the target', () => {
    const sessions = [
      rec({ id: 1, endedAt: T0 + min(20) }),
      rec({ id: 2, startedAt: T0 + min(60), endedAt: T0 + min(70) }),
      rec({ id: 3, day: '2025-06-13', startedAt: T0 + min(1440), endedAt: T0 + min(1440 + 29) }),
    ];
    const days = minutesByDay(sessions, T0 + min(2000));
    expect(days.get('2025-06-12')).toMatchObject({ minutes: 30, completed: true });
    expect(days.get('2025-06-13')).toMatchObject({ minutes: 29, completed: false });
    expect([...completedDays(sessions, T0 + min(2000))]).toEqual(['2025-06-12']);
  });
});

describe('a timer left running', () => {
  it.each<[string, Partial<SessionRecord>, number, number | null, boolean]>([
    ['within twice the target', {}, 60, null, false],
    ['past twice the target with nothing recorded', {}, 61, null, true],
    ['past twice the target, the last review 20 min ago', {}, 90, T0 + min(70), false],
    ['past twice the target, the last review 40 min ago', {}, 90, T0 + min(50), true],
    ['an activity before the start does not count', {}, 90, T0 - min(5), true],
    ['paused after running 70 min and left paused', { pausedAt: T0 + min(70) }, 300, null, true],
    ['stopped: its minutes are what was logged', { endedAt: T0 + min(200) }, 300, null, false],
  ])('%s', (_name, s, minutes, activity, runaway) => {
    const r = runawayOf(rec(s), T0 + min(minutes), activity);
    expect(r !== null).toBe(runaway);
    if (r) expect(r).toMatchObject({ sessionId: 1, countedMinutes: 30 });
  });

  it('counts at its target in the day’s minutes, and the end for a figure keeps past pauses', () => {
    const s = rec({ pausedMs: min(10) });
    const r = runawayOf(s, T0 + min(400), null)!;
    expect(minutesByDay([s], T0 + min(400), r).get('2025-06-12')).toMatchObject({ minutes: 30, completed: true });
    expect(sessionMinutes({ ...s, endedAt: endForMinutes(s, 45) }, T0 + min(400))).toBe(45);
  });
});
