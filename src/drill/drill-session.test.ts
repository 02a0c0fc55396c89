import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Grade } from 'ts-fsrs';
import { loadPlan } from '../content/load-plan.js';
import { UsageError } from '../errors.js';
import { findPackageRoot } from '../system/paths.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { openDrill, setSettings } from './drill-engine.js';

const plan = loadPlan(findPackageRoot());

let deps: TestDeps;
beforeEach(() => {
  deps = createTestDeps({ now: '2025-06-13T09:00:00' });
});
afterEach(() => deps.dispose());

const at = (iso: string) => new Date(iso).getTime();

describe('scheduling', () => {
  it('gives the same due dates as ts-fsrs itself for the same card and ratings', async () => {
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true, enable_short_term: true }));
    const steps: [string, Grade][] = [
      ['2025-06-13T09:00:00', Rating.Good],
      ['2025-06-13T09:10:00', Rating.Good],
      ['2025-06-16T09:00:00', Rating.Again],
      ['2025-06-16T09:11:00', Rating.Good],
      ['2025-06-20T09:00:00', Rating.Easy],
    ];
    let expected = createEmptyCard(new Date(steps[0]![0]));
    const dues: number[] = [];
    for (const [when, rating] of steps) {
      expected = f.next(expected, new Date(when), rating).card;
      dues.push(expected.due.getTime());
    }
    const ours: number[] = [];
    for (const [when, rating] of steps) {
      const d = await openDrill(deps, when.slice(0, 10), 1);
      ours.push((await d.session.grade('p1.event-loop-phase-order', rating, at(when))).due);
    }
    expect(ours).toEqual(dues);
  });
});

describe('daily limits', () => {
  it('introduces at most the new-card limit per day, and more the next day', async () => {
    await setSettings(deps, { newPerDay: 3 });
    let d = await openDrill(deps, '2025-06-13');
    expect(d.session.counts(at('2025-06-13T09:00:00'), d.endOfDayMs).new).toBe(3);
    for (let i = 0; i < 3; i++) {
      const q = d.session.next(at('2025-06-13T09:00:00'), d.endOfDayMs)!;
      await d.session.grade(q.card.id, Rating.Easy, at('2025-06-13T09:00:00'));
    }
    expect(d.session.next(at('2025-06-13T09:01:00'), d.endOfDayMs)).toBeNull();
    // A new drill the same day remembers what was introduced.
    d = await openDrill(deps, '2025-06-13');
    expect(d.session.counts(at('2025-06-13T12:00:00'), d.endOfDayMs).new).toBe(0);
    d = await openDrill(deps, '2025-06-14');
    expect(d.session.counts(at('2025-06-14T09:00:00'), d.endOfDayMs).new).toBe(3);
  });

  it('caps reviews per day and keeps later phases’ new cards back unless asked', async () => {
    await setSettings(deps, { newPerDay: 100, reviewsPerDay: 2 });
    let d = await openDrill(deps, '2025-06-13');
    const phases = new Set(d.session.queue(at('2025-06-13T09:00:00'), d.endOfDayMs).map((q) => q.card.phase));
    expect([...phases]).toEqual([1]);
    for (let i = 0; i < 5; i++) {
      const q = d.session.next(at('2025-06-13T09:00:00'), d.endOfDayMs)!;
      await d.session.grade(q.card.id, Rating.Easy, at('2025-06-13T09:00:00'));
    }
    d = await openDrill(deps, '2025-08-01', undefined);
    const queue = d.session.queue(at('2025-08-01T09:00:00'), d.endOfDayMs);
    expect(queue.filter((q) => q.kind === 'review')).toHaveLength(2);
    const p7 = await openDrill(deps, '2025-06-13', 7);
    expect(new Set(p7.session.queue(at('2025-06-13T09:00:00'), p7.endOfDayMs).map((q) => q.card.phase))).toEqual(new Set([7]));
  });
});

describe('undo', () => {
  it('restores the card state and the review log exactly', async () => {
    const d = await openDrill(deps, '2025-06-13');
    const store = await deps.store();
    const id = d.session.next(at('2025-06-13T09:00:00'), d.endOfDayMs)!.card.id;
    await d.session.grade(id, Rating.Good, at('2025-06-13T09:00:00'));
    const stateAfterFirst = await store.cards.state(id);
    const logAfterFirst = await store.cards.logs();
    await d.session.grade(id, Rating.Again, at('2025-06-13T09:10:00'));
    expect(await d.session.undo()).toBe(id);
    expect(await store.cards.state(id)).toEqual(stateAfterFirst);
    expect(await store.cards.logs()).toEqual(logAfterFirst);
    expect(await d.session.undo()).toBe(id);
    expect(await store.cards.state(id)).toBeNull();
    expect(await store.cards.logs()).toEqual([]);
    expect(await d.session.undo()).toBeNull();
  });
});

describe('the learner’s own cards', () => {
  it('come first among the new cards, before the shipped decks', async () => {
    const { addCard } = await import('./cards-io.js');
    const mine = await addCard(deps, { front: 'Why is await in a for...of loop slow?', back: 'It serialises the requests', tags: ['async', 'phase-1'] });
    deps.setNow('2025-06-13T09:01:00');
    const untagged = await addCard(deps, { front: 'What does EXPLAIN ANALYZE add?', back: 'Real timings', tags: ['postgres'] });
    await setSettings(deps, { newPerDay: 3 });
    const d = await openDrill(deps, '2025-06-13');
    const q = d.session.queue(at('2025-06-13T09:00:00'), d.endOfDayMs);
    expect(q.map((c) => c.card.id)).toEqual([mine, untagged, expect.stringMatching(/^p1\./)]);
  });
});

describe('phase tags', () => {
  it.each([
    [['phase-99'], 'tag "phase-99": there is no phase 99, phases are 1–9 (e.g. phase-2)'],
    [['phase-two'], 'tag "phase-two" is not a phase tag: write phase-N with N from 1–9, e.g. phase-2'],
    [['phase-1', 'phase-2'], 'tags phase-1, phase-2: a card belongs to one phase, keep one phase-N tag'],
    [['event loop'], 'tag "event loop" has a space: tags are single words, e.g. event-loop'],
  ])('%j is a usage error', async (tags, message) => {
    const { validateCardTags } = await import('./drill-engine.js');
    expect(() => validateCardTags(plan, tags)).toThrow(new UsageError(message));
  });

  it('a known phase and plain topics pass', async () => {
    const { validateCardTags } = await import('./drill-engine.js');
    expect(() => validateCardTags(plan, ['postgres', 'phase-2'])).not.toThrow();
  });
});

describe('card stats', () => {
  it('count reviews due and new cards available today separately, as the drill queue does', async () => {
    await setSettings(deps, { newPerDay: 5 });
    let d = await openDrill(deps, '2025-06-13');
    for (let i = 0; i < 2; i++) await d.session.grade(d.session.next(at('2025-06-13T09:00:00'), d.endOfDayMs)!.card.id, Rating.Easy, at('2025-06-13T09:00:00'));
    const { cardStats } = await import('./drill-engine.js');
    const today = await cardStats(deps, '2025-06-13');
    expect(today.today).toEqual({ learning: 0, review: 0, new: 3 });
    // Weeks later both cards are due for review and the day's five new cards wait beside them.
    deps.setNow('2025-08-01T09:00:00');
    const later = await cardStats(deps, '2025-08-01');
    d = await openDrill(deps, '2025-08-01');
    expect(later.today).toEqual(d.session.counts(d.endOfDayMs - 1, d.endOfDayMs));
    expect(later.today).toMatchObject({ review: 2, new: 5 });
    // As of the day before the first grades, nothing was learnt yet.
    expect((await cardStats(deps, '2025-06-12')).byState.new).toBe(later.total);
  });
});
