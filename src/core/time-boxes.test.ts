import { describe, expect, it } from 'vitest';
import { boxProgress, formatClock } from './time-boxes.js';

const thursday = [
  { title: 'Warm-up cards', minutes: 5 },
  { title: 'Kata', minutes: 25 },
];

describe('boxProgress', () => {
  it.each([
    [0, 0, ['current', 'next'], [5, 25]],
    [4.5, 0, ['current', 'next'], [0.5, 25]],
    [5, 1, ['done', 'current'], [0, 25]],
    [29, 1, ['done', 'current'], [0, 1]],
    [30, null, ['done', 'done'], [0, 0]],
    [45, null, ['done', 'done'], [0, 0]],
  ])('after %s min the current box is %s', (elapsed, current, states, left) => {
    const p = boxProgress(thursday, elapsed);
    expect(p.current).toBe(current);
    expect(p.boxes.map((b) => b.state)).toEqual(states);
    expect(p.boxes.map((b) => b.left)).toEqual(left);
  });
});

it('formats a clock', () => {
  expect(formatClock(0)).toBe('00:00');
  expect(formatClock(61.9)).toBe('01:01');
  expect(formatClock(95 * 60)).toBe('95:00');
});
