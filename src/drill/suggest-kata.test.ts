import { expect, it } from 'vitest';
import { findPackageRoot } from '../system/paths.js';
import { kataForCard } from './suggest-kata.js';

const card = (phase: number, tags: string[]) => ({ id: 'x', noteId: 'x', phase, tags, front: 'f', back: 'b', origin: 'deck' as const });

it('points a lapsing card to the kata that trains its topic, same phase first', () => {
  const k = kataForCard(findPackageRoot(), card(5, ['lru']));
  expect(k?.id).toBe('p5.lru-cache');
  expect(kataForCard(findPackageRoot(), card(1, ['no-such-topic']))).toBeNull();
});
