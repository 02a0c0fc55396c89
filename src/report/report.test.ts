import { afterEach, describe, expect, it } from 'vitest';
import { addDays, mondayOf } from '../core/local-date.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown, renderTerminal } from './render-text.js';
import { buildReportData, type ReportData } from './report-data.js';
import { seedHistory, type SeededHistory } from './seed-history.js';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.dispose();
  deps = undefined;
});

async function seeded(): Promise<{ d: TestDeps; seed: SeededHistory; data: ReportData }> {
  deps = createTestDeps({ now: '2025-06-12T08:00:00' });
  const seed = await seedHistory(deps);
  const data = await buildReportData(deps, { today: '2025-07-05' });
  return { d: deps, seed, data };
}

const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);

describe('the report of a known history (fixed clock, Sat 5 Jul 2025)', () => {
  it('computes minutes, heatmap, weeks, streak and backlog from the sessions', async () => {
    const { seed, data } = await seeded();
    expect(data.totalMinutes).toBe(sum(seed.minutes.values()));
    expect(data.from).toBe(mondayOf('2025-06-12'));
    const cells = new Map(data.heatmap.weeks.flatMap((w) => w.days).map((c) => [c.date, c]));
    expect(cells.get('2025-06-13')).toMatchObject({ minutes: 45, level: 4, completed: true });
    expect(cells.get('2025-06-20')).toMatchObject({ minutes: 10, level: 1, completed: false });
    expect(cells.get('2025-06-18')).toMatchObject({ minutes: 0, level: 0 });
    expect(cells.get('2025-07-06')).toMatchObject({ future: true });
    for (const w of data.weeks) {
      const days = Array.from({ length: 7 }, (_, i) => addDays(w.monday, i));
      expect(w.minutes).toBe(sum(days.map((d) => seed.minutes.get(d) ?? 0)));
    }
    // 28 Jun (Sat) to 4 Jul, bridged by Sunday 29 Jun; 27 Jun was missed.
    expect(data.streak).toMatchObject({ current: 6, atRisk: true });
    expect(data.backlogDays).toBe(3);
  });

  it('computes cards, katas and criteria, leaving the reference’s runs out', async () => {
    const { seed, data } = await seeded();
    const passed = seed.matureReviews.filter((r) => r.passed).length;
    expect(data.cards.trueRetention).toBeCloseTo(passed / seed.matureReviews.length, 5);
    expect(data.cards.retentionByWeek.filter((w) => w.reviews > 0).every((w) => w.retention === 0.75)).toBe(true);
    expect(data.cards.forecast.slice(0, 6).map((f) => f.due)).toEqual([2, 2, 2, 2, 2, 2]);
    const p1 = data.phases.find((p) => p.number === 1)!;
    expect(p1.katas).toMatchObject({ passed: 2, started: 3, attempts: 4 });
    const crawl = p1.criteriaDetail.find((c) => c.id === 'p1.ac.10k-requests')!;
    expect(crawl.runs).toHaveLength(seed.criterionRuns);
    expect(crawl.runs.map((r) => r.figures.find((f) => f.name === 'event-loop delay p99')!.value)).toEqual([72, 18]);
    expect(crawl.verified).toBe(true);
  });

  it('reviews the week: done against planned, what was done, and the most pressing suggestion', async () => {
    const { data } = await seeded();
    expect(data.review).toMatchObject({
      monday: '2025-06-30',
      planned: 6,
      done: 5,
      slipped: [],
      reviews: 40,
      katasPassed: ['p1.async-generator-pagination'],
      tasksChecked: ['p1.cli-scraper'],
      minutes: 30 * 4 + 45,
    });
    expect(data.review.suggestion).toEqual({ rule: 'backlog', text: 'phase 1 is 3 study days behind: shift the rest of the plan past the missed days.', command: 'roadmap replan' });
  });

  it('says the same figures in the terminal, in Markdown and in HTML', async () => {
    const { data } = await seeded();
    const minutes = data.totalMinutes.toLocaleString('en-US');
    const text = renderTerminal(data);
    const md = renderMarkdown(data);
    const html = await renderHtml(data);
    expect(text).toContain(`${minutes} min from 09 Jun to 05 Jul`);
    expect(md).toContain(`- Minutes from 09 Jun to 05 Jul: ${minutes}`);
    for (const out of [text, md]) {
      expect(out).toContain('true retention 75%');
      expect(out).toContain('event-loop delay p99 18 ms (< 50 ms) (trend 72 → 18)');
      expect(out).toContain('phase 1 is 3 study days behind');
    }
    expect(text).toContain('Streak 6 days (longest');
    expect(md).toContain('- Streak: 6 (longest');
    expect(md).toContain('| 1 Language & Runtime Mastery | 2 | 3 | 8 | 4 |');
    expect(html).toContain('<b>6 (best');
    expect(html).toContain(`<b>${minutes}</b>`);
    expect(html).toContain('true retention 75%');
    // The heatmap as text is the same in the terminal and the page.
    expect(html).toContain('Mon ');
    expect(text.split('\n').find((l) => l.startsWith('Fri '))).toBe(md.split('\n').find((l) => l.startsWith('Fri ')));
  });

  it('--phase narrows the dates, katas and criteria to the phase; bad options are usage errors', async () => {
    const { d } = await seeded();
    const p1 = await buildReportData(d, { today: '2025-07-05', phase: 1 });
    expect(p1.phases.map((p) => p.number)).toEqual([1]);
    expect(p1.from).toBe('2025-06-12');
    await expect(buildReportData(d, { today: '2025-07-05', phase: 12 })).rejects.toThrow(/^unknown phase 12/);
    await expect(buildReportData(d, { today: '2025-07-05', since: '2025-08-01' })).rejects.toThrow(/--since 2025-08-01 is after the report's day/);
  });
});

describe('day one', () => {
  it('an empty store gives a friendly report in every format, not an error', async () => {
    deps = createTestDeps({ now: '2025-06-12T08:00:00' });
    const data = await buildReportData(deps, { today: '2025-06-12' });
    expect(data.empty).toBe(true);
    expect(renderTerminal(data)).toContain("Day one: nothing to chart yet. Start today's 30 minutes with roadmap start");
    expect(renderMarkdown(data)).toContain('Day one: nothing to chart yet.');
    expect(await renderHtml(data)).toContain('Day one: nothing to chart yet.');
    expect(data.review.suggestion.rule).toBe('start');
  });
});

describe('empty states say what is missing', () => {
  it('before any review, a portfolio says so instead of an empty retention grid or forecast', async () => {
    deps = createTestDeps({ now: '2025-06-12T08:00:00' });
    const html = await renderHtml(await buildReportData(deps, { today: '2025-06-12' }));
    const retention = /<div class="chart" id="retention">(.*?)<\/div>/s.exec(html)![1]!;
    expect(retention).toBe('<p class="empty">No reviews yet: retention appears after your first drill (<code>roadmap drill</code>).</p>');
    expect(retention).not.toContain('<svg');
    expect(html).toContain('<div class="chart" id="forecast"><p class="empty">No cards due: the forecast appears once <code>roadmap drill</code> has taught you some cards.</p>');
    expect(html).toContain('<div class="chart" id="minutes"><p class="empty">No study minutes in this window yet');
    expect(html).toContain('<div class="chart" id="katas"><p class="empty">No kata passed yet');
    // The phase reached, with nothing verified: a sentence, not criteria with nothing under them.
    expect(html).toContain('Not verified yet: <code>roadmap verify phase-1</code> measures these criteria on your own project.');
  });

  it('a verify run without figures says why instead of a table with a header and no rows', async () => {
    const { d } = await seeded();
    const store = await d.store();
    await store.checks.recordCriterion({ criterionId: 'p1.ac.10k-requests', verifiedAtMs: Date.parse('2025-07-05T08:00:00'), passed: false, target: 'workspace:/w/scraper', figures: [] });
    const html = await renderHtml(await buildReportData(d, { today: '2025-07-05' }));
    expect(html).toContain('No figures recorded: the check stopped before it measured anything');
    expect(html).not.toMatch(/<table><tr><th>figure<\/th><th>latest<\/th><th>threshold<\/th><\/tr><\/table>/);
  });

  it('with reviews but none of a mature card yet, retention says what it waits for', async () => {
    deps = createTestDeps({ now: '2025-06-13T09:00:00' });
    const { openDrill } = await import('../drill/drill-engine.js');
    const { Rating } = await import('../drill/scheduler.js');
    const drill = await openDrill(deps, '2025-06-13');
    await drill.session.grade(drill.session.next(Date.parse('2025-06-13T09:00:00'), drill.endOfDayMs)!.card.id, Rating.Good, Date.parse('2025-06-13T09:00:00'));
    const html = await renderHtml(await buildReportData(deps, { today: '2025-06-13' }));
    expect(html).toContain('<div class="chart" id="retention"><p class="empty">No reviews of mature cards in this window yet');
  });
});

describe('--date', () => {
  it('counts nothing after the report’s day', async () => {
    const { seed, d } = await seeded();
    const early = await buildReportData(d, { today: '2025-06-20' });
    const upTo = [...seed.minutes].filter(([day]) => day <= '2025-06-20').reduce((a, [, m]) => a + m, 0);
    expect(early.totalMinutes).toBe(upTo);
    // The katas passed on 19 Jun and 3 Jul, the task checked on 2 Jul and the verify runs of 28 Jun and 4 Jul.
    expect(early.phases[0]!.katas).toMatchObject({ passed: 1, started: 1 });
    expect(early.phases[0]!.tasks.checked).toBe(0);
    expect(early.phases[0]!.criteriaDetail.every((c) => c.runs.length === 0)).toBe(true);
    expect(early.cards.retentionByWeek.reduce((a, w) => a + w.reviews, 0)).toBe(seed.matureReviews.filter((r) => r.day <= '2025-06-20').length);
  });
});
