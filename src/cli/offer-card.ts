import type { Deps } from '../deps.js';

/**
 * Mistakes become cards: after a failing kata or acceptance criterion, offers (on a terminal) to add a
 * flashcard whose front names the failure and whose back is the rule in the learner's own words. The y/N is a
 * single key on a terminal; nothing here holds stdin open once the offer is answered.
 */
export async function offerCard(deps: Deps, card: { readonly front: string; readonly tags: readonly string[] }): Promise<void> {
  const yes = await deps.io.readKey('Turn this mistake into a flashcard? [y/N] ');
  if (!yes || !/^y(es)?$/i.test(yes.trim())) return;
  const back = await deps.io.ask('  The rule you missed, in your own words: ');
  if (!back?.trim()) return;
  const { addCard } = await import('../drill/cards-io.js');
  const cardId = await addCard(deps, { front: card.front, back, tags: [...card.tags] });
  deps.io.err(`  Added ${cardId}; \`roadmap drill\` will ask it.\n`);
}
