/**
 * Test fixture: a learner's known history in a store, so report tests can check every figure against numbers
 * computed here rather than hard-coded. Driven through the real engines and repositories at a moving clock.
 */
import { initProfile } from '../coach/init.js';
import { startSession, stopSession } from '../coach/session.js';
import { addDays, isSunday, type LocalDate } from '../core/local-date.js';
import { figure } from '../core/criteria.js';
import type { TestDeps } from '../system/test-deps.js';

export interface SeededHistory {
  /** Minutes studied per day. */
  readonly minutes: ReadonlyMap<LocalDate, number>;
  /** Reviews logged, by day, with whether each was a pass of a mature card. */
  readonly matureReviews: readonly { readonly day: LocalDate; readonly passed: boolean }[];
  readonly katasPassed: readonly string[];
  readonly criterionRuns: number;
}

/**
 * From the plan's first day (Thu 12 Jun 2025) to Fri 4 Jul 2025: 30 minutes on most study days, 45 on some,
 * 10 on one, none on two; 8 reviews of mature cards a study day from 16 Jun (one in four failed); two katas
 * passed and one failing; two verify runs of the learner's project and one of the reference. Ends with the
 * clock at Sat 5 Jul 2025 09:00.
 */
export async function seedHistory(deps: TestDeps): Promise<SeededHistory> {
  deps.setNow('2025-06-12T08:00:00');
  await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
  const minutes = new Map<LocalDate, number>();
  const skipped = new Set(['2025-06-18', '2025-06-27']);
  for (let d: LocalDate = '2025-06-12'; d <= '2025-07-04'; d = addDays(d, 1)) {
    if (isSunday(d) || skipped.has(d)) continue;
    const m = d === '2025-06-20' ? 10 : d.endsWith('3') ? 45 : 30;
    deps.setNow(`${d}T09:00:00`);
    await startSession(deps, d);
    deps.setNow(new Date(Date.parse(`${d}T09:00:00`) + m * 60_000).toISOString().slice(0, 19));
    await stopSession(deps);
    minutes.set(d, m);
  }

  const store = await deps.store();
  const { loadCatalog } = await import('../drill/drill-engine.js');
  const catalog = (await loadCatalog(deps)).slice(0, 40);
  const matureReviews: { day: LocalDate; passed: boolean }[] = [];
  let k = 0;
  for (let d: LocalDate = '2025-06-16'; d <= '2025-07-04'; d = addDays(d, 1)) {
    if (isSunday(d)) continue;
    for (let i = 0; i < 8; i++) {
      const card = catalog[k++ % catalog.length]!;
      const passed = i % 4 !== 0;
      const at = Date.parse(`${d}T10:00:00`) + i * 1000;
      await store.db
        .insertInto('review_log')
        .values({ card_id: card.id, day: d, rating: passed ? 3 : 1, state: 2, due: at, stability: 5, difficulty: 5, elapsed_days: 3, last_elapsed_days: 2, scheduled_days: 4, learning_steps: 0, review: at, before_json: null })
        .execute();
      matureReviews.push({ day: d, passed });
    }
  }
  // Cards due over the next days, so the forecast has marks.
  for (let i = 0; i < 12; i++) {
    const due = Date.parse(`${addDays('2025-07-05', i % 6)}T08:00:00`);
    await store.db
      .insertInto('card_states')
      .values({ card_id: catalog[i]!.id, due, stability: 5, difficulty: 5, elapsed_days: 3, scheduled_days: 4, learning_steps: 0, reps: 3, lapses: 0, state: 2, last_review: due - 86_400_000 })
      .execute();
  }

  const ms = (iso: string): number => new Date(iso).getTime();
  deps.setNow('2025-07-03T10:00:00');
  await store.katas.start('p1.event-loop-order', ms('2025-06-19T10:00:00'));
  await store.katas.recordCheck('p1.event-loop-order', ms('2025-06-19T10:10:00'), false, 2, 400);
  await store.katas.recordCheck('p1.event-loop-order', ms('2025-06-19T10:20:00'), true, 0, 400);
  await store.katas.start('p1.async-generator-pagination', ms('2025-07-03T10:00:00'));
  await store.katas.recordCheck('p1.async-generator-pagination', ms('2025-07-03T10:15:00'), true, 0, 400);
  await store.katas.start('p1.stream-backpressure', ms('2025-07-03T11:00:00'));
  await store.katas.recordCheck('p1.stream-backpressure', ms('2025-07-03T11:05:00'), false, 1, 400);
  await store.checks.check('p1.cli-scraper', ms('2025-07-02T12:00:00'));

  const target = 'workspace:/home/learner/roadmap-work/projects/scraper';
  const run = (lag: number, interval: number) => ({
    crawl: [figure('reachable pages requested', 9992, 'pages', { op: '=', value: 9992 }), figure('event-loop delay p99', lag, 'ms', { op: '<', value: 50 }), figure('peak RSS', 130, 'MB'), figure('throughput', 1900, 'requests/s')],
    ticks: [figure('tick interval p50', 500, 'ms', { op: 'between', min: 400, max: 600 }), figure('tick interval max', interval, 'ms', { op: 'between', min: 400, max: 600 })],
  });
  const asSummary = (fs: ReturnType<typeof figure>[]) => fs.map((f) => ({ ...f, runs: [f.value], min: f.value, max: f.value }));
  for (const [at, lag, interval] of [['2025-06-28T11:00:00', 72, 650], ['2025-07-04T11:00:00', 18, 512]] as const) {
    const r = run(lag, interval);
    await store.checks.recordCriterion({ criterionId: 'p1.ac.10k-requests', verifiedAtMs: ms(at), passed: lag < 50, target, figures: asSummary(r.crawl) });
    await store.checks.recordCriterion({ criterionId: 'p1.ac.progress-500ms', verifiedAtMs: ms(at), passed: interval <= 600, target, figures: asSummary(r.ticks) });
  }
  // The reference passing is not the learner's progress: reports must not count or chart it.
  await store.checks.recordCriterion({ criterionId: 'p1.ac.10k-requests', verifiedAtMs: ms('2025-07-04T12:00:00'), passed: true, target: 'reference:/pkg/projects/scraper', figures: asSummary(run(5, 500).crawl) });
  deps.setNow('2025-07-05T09:00:00');
  return { minutes, matureReviews, katasPassed: ['p1.event-loop-order', 'p1.async-generator-pagination'], criterionRuns: 2 };
}
