import type { Kysely, Selectable } from 'kysely';
import { immediate } from './immediate.js';
import type { CardStateTable, Database, ReviewLogTable, UserCardTable } from './schema.js';

export type CardStateRow = Selectable<CardStateTable>;
export type ReviewLogRow = Selectable<ReviewLogTable>;
export type UserCardRow = Selectable<UserCardTable>;
export type NewReviewLog = Omit<ReviewLogRow, 'id' | 'before_json'>;

/** 6 columns a row: 500 rows stay well under SQLite's 32,766 bound parameters. */
const USER_CARDS_PER_INSERT = 500;

/**
 * Flashcard state and history. A grade writes the new state and its log row in one transaction, with the
 * state before it, so undo restores the card and the log exactly and a crash never leaves half a review.
 */
export class CardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async states(): Promise<Map<string, CardStateRow>> {
    const rows = await this.db.selectFrom('card_states').selectAll().execute();
    return new Map(rows.map((r) => [r.card_id, r]));
  }

  async state(cardId: string): Promise<CardStateRow | null> {
    return (await this.db.selectFrom('card_states').selectAll().where('card_id', '=', cardId).executeTakeFirst()) ?? null;
  }

  async logs(): Promise<ReviewLogRow[]> {
    return this.db.selectFrom('review_log').selectAll().orderBy('id').execute();
  }

  /** Saves a review: the card's new state and its log row (keeping the state before, for undo). */
  async saveReview(after: CardStateRow, log: NewReviewLog, before: CardStateRow | null): Promise<void> {
    await immediate(this.db, async (tx) => {
      await tx.insertInto('card_states').values(after).onConflict((oc) => oc.column('card_id').doUpdateSet(after)).execute();
      await tx.insertInto('review_log').values({ ...log, before_json: before ? JSON.stringify(before) : null }).execute();
    });
  }

  /** Undoes the latest review: the card gets its state back (or none, if it was new) and the log row goes. */
  async undoLast(): Promise<{ readonly cardId: string; readonly restored: CardStateRow | null } | null> {
    return immediate(this.db, async (tx) => {
      const last = await tx.selectFrom('review_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!last) return null;
      const before = last.before_json ? (JSON.parse(last.before_json) as CardStateRow) : null;
      if (before) await tx.insertInto('card_states').values(before).onConflict((oc) => oc.column('card_id').doUpdateSet(before)).execute();
      else await tx.deleteFrom('card_states').where('card_id', '=', last.card_id).execute();
      await tx.deleteFrom('review_log').where('id', '=', last.id).execute();
      return { cardId: last.card_id, restored: before };
    });
  }

  async userCards(): Promise<UserCardRow[]> {
    return this.db.selectFrom('user_cards').selectAll().orderBy('created_at').orderBy('card_id').execute();
  }

  /** Adds or replaces a learner's card (import, `cards add`). */
  async putUserCard(card: UserCardRow): Promise<void> {
    await this.db.insertInto('user_cards').values(card).onConflict((oc) => oc.column('card_id').doUpdateSet({ front: card.front, back: card.back, tags: card.tags })).execute();
  }

  /**
   * Adds or replaces many of the learner's cards in one transaction (`cards import`): a kill, a full disk or a
   * bad row leaves none of them written, never a part. Rows go in batches to stay under SQLite's limit on
   * bound parameters.
   */
  async putUserCards(cards: readonly UserCardRow[]): Promise<void> {
    if (cards.length === 0) return;
    await immediate(this.db, async (tx) => {
      for (let i = 0; i < cards.length; i += USER_CARDS_PER_INSERT) {
        await tx
          .insertInto('user_cards')
          .values(cards.slice(i, i + USER_CARDS_PER_INSERT))
          .onConflict((oc) => oc.column('card_id').doUpdateSet((eb) => ({ front: eb.ref('excluded.front'), back: eb.ref('excluded.back'), tags: eb.ref('excluded.tags') })))
          .execute();
      }
    });
  }

  async setting(key: string): Promise<string | null> {
    return (await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}
