import { describe, expect, it } from 'vitest';
import { cardsOf, loadDecks } from '../../src/content/deck.js';
import { plan, ROOT } from './content-root.js';

const decks = loadDecks(ROOT);

describe('flashcard decks', () => {
  it('has one deck per phase, named after the phase focus', () => {
    expect(decks.map((d) => d.phase)).toEqual(plan.phases.map((p) => p.number));
    for (const d of decks) expect(d.title).toBe(plan.phases[d.phase - 1]!.focus);
  });

  it.each(plan.phases.map((p) => p.number))('phase %i has at least 40 notes, basic and cloze, over several topics', (phase) => {
    const deck = decks.find((d) => d.phase === phase)!;
    expect(deck.notes.length).toBeGreaterThanOrEqual(40);
    expect(deck.notes.some((n) => n.kind === 'basic')).toBe(true);
    expect(deck.notes.some((n) => n.kind === 'cloze')).toBe(true);
    const topics = new Set(deck.notes.flatMap((n) => n.tags));
    expect(topics.size).toBeGreaterThanOrEqual(8);
  });

  it('holds 360 or more notes in all, each card with a non-empty front and back', () => {
    const notes = decks.flatMap((d) => d.notes);
    expect(notes.length).toBeGreaterThanOrEqual(360);
    const cards = notes.flatMap(cardsOf);
    for (const c of cards) {
      expect(c.front.trim(), c.id).not.toBe('');
      expect(c.back.trim(), c.id).not.toBe('');
      expect(c.front, c.id).not.toBe(c.back);
    }
  });
});
