import { loadKatas, type Kata } from '../content/kata.js';
import type { DrillCard } from './drill-session.js';

/** After a card lapses this often, the drill suggests the kata that trains its topic. */
export const LAPSES_BEFORE_KATA = 3;

/** The kata whose topics share the most with a card's tags (same phase first); null when none shares any. */
export function kataForCard(packageRoot: string, card: DrillCard): Kata | null {
  let best: { kata: Kata; score: number } | null = null;
  for (const kata of loadKatas(packageRoot)) {
    const overlap = kata.topics.filter((t) => card.tags.includes(t)).length;
    if (overlap === 0) continue;
    const score = overlap * 10 + (kata.phase === card.phase ? 5 : 0);
    if (!best || score > best.score) best = { kata, score };
  }
  return best?.kata ?? null;
}
