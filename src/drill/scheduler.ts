import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type FSRS, type Grade, type ReviewLog } from 'ts-fsrs';
import type { CardStateRow, NewReviewLog } from '../store/card-repository.js';

export { Rating, State };
export type { Card, Grade };

/** Drill settings, stored in the learner's store (`roadmap cards config`). */
export interface DrillSettings {
  /** New cards introduced per day. @default 20 */
  readonly newPerDay: number;
  /** Reviews per day. @default 200 */
  readonly reviewsPerDay: number;
  /** FSRS desired retention. @default 0.9 */
  readonly retention: number;
}

export const DEFAULT_SETTINGS: DrillSettings = { newPerDay: 20, reviewsPerDay: 200, retention: 0.9 };

/** The FSRS scheduler roadmap uses: ts-fsrs with fuzz on and its default (re)learning steps. */
export function createScheduler(retention: number): FSRS {
  return fsrs(generatorParameters({ request_retention: retention, enable_fuzz: true, enable_short_term: true }));
}

export function newCard(nowMs: number): Card {
  return createEmptyCard(new Date(nowMs));
}

export function cardFromRow(row: CardStateRow): Card {
  return {
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    ...(row.last_review === null ? {} : { last_review: new Date(row.last_review) }),
  };
}

export function rowFromCard(cardId: string, card: Card): CardStateRow {
  return {
    card_id: cardId,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.getTime() : null,
  };
}

export function logRow(cardId: string, day: string, log: ReviewLog): NewReviewLog {
  return {
    card_id: cardId,
    day,
    rating: log.rating,
    state: log.state,
    due: log.due.getTime(),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsed_days: log.elapsed_days,
    last_elapsed_days: log.last_elapsed_days,
    scheduled_days: log.scheduled_days,
    learning_steps: log.learning_steps,
    review: log.review.getTime(),
  };
}

/** "10 min", "3 h", "4 d", "2.1 mo": how long until a card is due again. */
export function formatInterval(ms: number): string {
  const min = ms / 60_000;
  if (min < 60) return `${Math.max(1, Math.round(min))} min`;
  if (min < 60 * 24) return `${Math.round(min / 60)} h`;
  const days = min / 1440;
  if (days < 30) return `${Math.round(days)} d`;
  if (days < 365) return `${(days / 30).toFixed(1)} mo`;
  return `${(days / 365).toFixed(1)} y`;
}

export const GRADES: readonly { readonly key: string; readonly rating: Grade; readonly name: string }[] = [
  { key: '1', rating: Rating.Again, name: 'Again' },
  { key: '2', rating: Rating.Hard, name: 'Hard' },
  { key: '3', rating: Rating.Good, name: 'Good' },
  { key: '4', rating: Rating.Easy, name: 'Easy' },
];
