import type { Card as DeckCard } from '../content/deck.js';
import type { LocalDate } from '../core/local-date.js';
import type { CardRepository, CardStateRow, ReviewLogRow } from '../store/card-repository.js';
import { cardFromRow, createScheduler, logRow, newCard, rowFromCard, State, type DrillSettings, type Grade } from './scheduler.js';

/** A card the drill can show: a shipped deck card or one of the learner's own (imported, added). */
export interface DrillCard extends DeckCard {
  readonly origin: 'deck' | 'user';
}

export type CardKind = 'new' | 'learning' | 'review' | 'relearning';

export interface QueuedCard {
  readonly card: DrillCard;
  readonly kind: CardKind;
  readonly due: number | null;
}

export interface QueueCounts {
  readonly learning: number;
  readonly review: number;
  readonly new: number;
}

export interface GradeResult {
  readonly cardId: string;
  readonly rating: Grade;
  readonly due: number;
  readonly state: State;
  readonly lapses: number;
}

/** Anki's default: learning cards due within this long are shown now rather than ending the session. */
export const LEARN_AHEAD_MS = 20 * 60_000;

const KIND: Record<State, CardKind> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };

export interface DrillScope {
  /** Only cards of this phase, introducing its new cards even if the plan has not reached it. */
  readonly phase?: number;
  /** Without `phase`: new cards come from phases up to this one (the learner's current phase). */
  readonly upToPhase: number;
}

/**
 * One drill: the card catalog and the learner's card states in memory, written through to the store on
 * every grade (so Ctrl-C or a crash loses no answered card). The queue follows Anki: learning cards that
 * are due, then reviews due today (up to the daily review limit), then new cards (up to the daily new
 * limit, from phases the learner has reached: the learner's own cards first, then the decks in order), then
 * learning cards due within 20 minutes.
 */
export class DrillSession {
  private readonly states: Map<string, CardStateRow>;
  private readonly scheduler;
  private reviewsToday: number;
  private newToday: number;
  private readonly history: { cardId: string; wasNew: boolean; wasReview: boolean }[] = [];

  constructor(
    private readonly repo: CardRepository,
    private readonly catalog: readonly DrillCard[],
    states: Map<string, CardStateRow>,
    logsToday: readonly ReviewLogRow[],
    private readonly settings: DrillSettings,
    private readonly scope: DrillScope,
    private readonly day: LocalDate,
  ) {
    this.states = new Map(states);
    this.scheduler = createScheduler(settings.retention);
    this.reviewsToday = logsToday.filter((l) => l.state === State.Review).length;
    this.newToday = logsToday.filter((l) => l.state === State.New).length;
  }

  private inScope(c: DrillCard): boolean {
    if (this.scope.phase !== undefined) return c.phase === this.scope.phase;
    return c.phase <= this.scope.upToPhase;
  }

  /** The cards to study now, in order, given the clock and today's limits. */
  queue(nowMs: number, endOfDayMs: number): QueuedCard[] {
    const learningNow: QueuedCard[] = [];
    const learningAhead: QueuedCard[] = [];
    const reviews: QueuedCard[] = [];
    const fresh: QueuedCard[] = [];
    for (const card of this.catalog) {
      const s = this.states.get(card.id);
      if (!s) {
        if (this.inScope(card)) fresh.push({ card, kind: 'new', due: null });
        continue;
      }
      // Cards already introduced are always reviewed, whatever the scope, unless a phase was asked for.
      if (this.scope.phase !== undefined && card.phase !== this.scope.phase) continue;
      const q = { card, kind: KIND[s.state as State], due: s.due };
      if (s.state === State.Learning || s.state === State.Relearning) {
        if (s.due <= nowMs) learningNow.push(q);
        else if (s.due <= nowMs + LEARN_AHEAD_MS) learningAhead.push(q);
      } else if (s.state === State.Review && s.due <= endOfDayMs) reviews.push(q);
    }
    const byDue = (a: QueuedCard, b: QueuedCard): number => a.due! - b.due!;
    // The learner's own cards (added, imported, made from a mistake) are what they chose to learn: they come
    // before the shipped decks' new cards, each group in its own order (stable sort).
    fresh.sort((a, b) => Number(a.card.origin !== 'user') - Number(b.card.origin !== 'user'));
    learningNow.sort(byDue);
    learningAhead.sort(byDue);
    reviews.sort(byDue);
    return [
      ...learningNow,
      ...reviews.slice(0, Math.max(0, this.settings.reviewsPerDay - this.reviewsToday)),
      ...fresh.slice(0, Math.max(0, this.settings.newPerDay - this.newToday)),
      ...learningAhead,
    ];
  }

  counts(nowMs: number, endOfDayMs: number): QueueCounts {
    const q = this.queue(nowMs, endOfDayMs);
    return {
      learning: q.filter((c) => c.kind === 'learning' || c.kind === 'relearning').length,
      review: q.filter((c) => c.kind === 'review').length,
      new: q.filter((c) => c.kind === 'new').length,
    };
  }

  /** The card to show next, or null when the day's queue is done. */
  next(nowMs: number, endOfDayMs: number): QueuedCard | null {
    return this.queue(nowMs, endOfDayMs)[0] ?? null;
  }

  /** Grades a card with ts-fsrs and commits the new state and its review log before returning. */
  async grade(cardId: string, rating: Grade, nowMs: number): Promise<GradeResult> {
    const before = this.states.get(cardId) ?? null;
    const current = before ? cardFromRow(before) : newCard(nowMs);
    const { card, log } = this.scheduler.next(current, new Date(nowMs), rating);
    const after = rowFromCard(cardId, card);
    await this.repo.saveReview(after, logRow(cardId, this.day, log), before);
    this.states.set(cardId, after);
    const wasNew = log.state === State.New;
    const wasReview = log.state === State.Review;
    if (wasNew) this.newToday++;
    if (wasReview) this.reviewsToday++;
    this.history.push({ cardId, wasNew, wasReview });
    return { cardId, rating, due: after.due, state: card.state, lapses: card.lapses };
  }

  /** Undoes the latest grade (of this or an earlier drill): the card and the log are as before it. */
  async undo(): Promise<string | null> {
    const undone = await this.repo.undoLast();
    if (!undone) return null;
    if (undone.restored) this.states.set(undone.cardId, undone.restored);
    else this.states.delete(undone.cardId);
    const mine = this.history.at(-1);
    if (mine && mine.cardId === undone.cardId) {
      this.history.pop();
      if (mine.wasNew) this.newToday--;
      if (mine.wasReview) this.reviewsToday--;
    }
    return undone.cardId;
  }

  lapsesOf(cardId: string): number {
    return this.states.get(cardId)?.lapses ?? 0;
  }
}
