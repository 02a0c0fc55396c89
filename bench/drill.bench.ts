// Flashcard engine: reviews scheduled per second (ts-fsrs alone vs through our engine, which also commits
// each review to SQLite), and the time to pick the next card in a drill of 10,000 cards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { DrillSession, type DrillCard } from '../src/drill/drill-session.js';
import { DEFAULT_SETTINGS, rowFromCard } from '../src/drill/scheduler.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
// @ts-expect-error plain JS helper
import { summarize } from './stats.mjs';

const CARDS = 10_000;
const T0 = Date.parse('2026-01-05T09:00:00Z');

function catalog(): DrillCard[] {
  return Array.from({ length: CARDS }, (_, i) => ({ id: `b.${i}`, noteId: `b.${i}`, phase: 1 + (i % 9), tags: ['bench'], front: `front ${i}`, back: `back ${i}`, origin: 'deck' }));
}

export async function run() {
  const home = mkdtempSync(join(tmpdir(), 'roadmap-bench-drill-'));
  const store = await SqliteStore.open(join(home, 'roadmap.db'));
  try {
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true }));
    // Baseline: ts-fsrs alone, in memory.
    const N = 20_000;
    let card = createEmptyCard(new Date(T0));
    let t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) card = f.next(card, new Date(T0 + i * 86_400_000), Rating.Good).card;
    const rawPerSec = N / (Number(process.hrtime.bigint() - t) / 1e9);

    // 10,000 cards: two thirds already introduced (reviews spread over the next days), one third new.
    const cards = catalog();
    const states = new Map();
    for (const [i, c] of cards.entries()) {
      if (i % 3 === 0) continue;
      const s = f.next(createEmptyCard(new Date(T0 - 86_400_000 * 10)), new Date(T0 - 86_400_000 * 5), Rating.Good).card;
      s.due = new Date(T0 + (i % 20) * 3_600_000 * 6);
      states.set(c.id, rowFromCard(c.id, s));
    }
    const session = new DrillSession(store.cards, cards, states, [], { ...DEFAULT_SETTINGS, reviewsPerDay: 100_000, newPerDay: 100_000 }, { upToPhase: 9 }, '2026-01-05');
    const end = T0 + 86_400_000;
    const nextTimes: number[] = [];
    const gradeTimes: number[] = [];
    const GRADED = 300;
    for (let i = 0; i < GRADED; i++) {
      t = process.hrtime.bigint();
      const q = session.next(T0 + i * 1000, end)!;
      nextTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await session.grade(q.card.id, Rating.Good, T0 + i * 1000);
      gradeTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const grade = summarize(gradeTimes);
    return {
      unit: 'ms',
      cards: CARDS,
      baseline: { what: 'ts-fsrs next() in memory', reviewsPerSecond: Math.round(rawPerSec) },
      subject: { what: 'engine grade(): ts-fsrs + SQLite commit of state and log', reviewsPerSecond: Math.round((GRADED * 1000) / gradeTimes.reduce((a, b) => a + b, 0)), gradeMs: grade },
      ratio: Math.round((rawPerSec / ((GRADED * 1000) / gradeTimes.reduce((a, b) => a + b, 0))) * 10) / 10,
      nextCardMs: summarize(nextTimes),
      goal: 'next card shown well under 50 ms in a 10,000-card drill',
      pass: summarize(nextTimes).median < 50,
    };
  } finally {
    await store.close();
    rmSync(home, { recursive: true, force: true });
  }
}
