import type { TimeBox } from './plan.js';

export interface BoxProgress {
  readonly title: string;
  readonly minutes: number;
  readonly state: 'done' | 'current' | 'next';
  /** Minutes left in the box (its full length when it has not started, 0 when done). */
  readonly left: number;
}

/**
 * Where the session is in the slot's time-boxes after `elapsed` minutes: the boxes before are done, one is
 * current (none once every box is done), the rest are next.
 */
export function boxProgress(boxes: readonly TimeBox[], elapsed: number): { readonly boxes: readonly BoxProgress[]; readonly current: number | null } {
  let start = 0;
  let current: number | null = null;
  const out = boxes.map((b, i): BoxProgress => {
    const end = start + b.minutes;
    let state: BoxProgress['state'];
    if (elapsed >= end) state = 'done';
    else if (elapsed >= start) {
      state = 'current';
      current = i;
    } else state = 'next';
    const left = state === 'done' ? 0 : state === 'current' ? end - elapsed : b.minutes;
    start = end;
    return { title: b.title, minutes: b.minutes, state, left };
  });
  return { boxes: out, current };
}

/** "12:05" for a number of seconds (minutes may exceed 59). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
