import { Command, InvalidArgumentError } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import type { Deps } from '../../deps.js';
import { bar, plural, styleFor, table, writeJson } from '../output.js';
import { parsePhase } from './task.js';

function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

function parseRetention(v: string): number {
  const n = Number(v);
  if (!(n >= 0.7 && n <= 0.99)) throw new InvalidArgumentError('expected a retention from 0.70 to 0.99, e.g. 0.9');
  return n;
}

export async function cardsStatsRun(deps: Deps, opts: { date?: string; json?: boolean }): Promise<void> {
  const { cardStats } = await import('../../drill/drill-engine.js');
  const st = await cardStats(deps, resolveDate(deps, opts.date));
  if (opts.json) return writeJson(deps.io, st);
  const s = styleFor(deps.io);
  const max = Math.max(1, ...st.forecast.map((f) => f.due));
  const week = st.forecast.slice(0, 7).map((f) => [f.date.slice(5), `${bar(f.due / max, 20)} ${f.due}`]);
  const reviews = st.reviewsPerDay.reduce((a, r) => a + r.reviews, 0);
  const t = st.today;
  const due = t.review + t.learning;
  deps.io.out(
    [
      `${s.bold('Today')}: ${plural(due, 'card')} due (${plural(t.review, 'review')}, ${t.learning} learning) · ${plural(t.new, 'new card')} (limit ${st.settings.newPerDay} a day)${due + t.new ? ` — ${s.cyan('roadmap drill')}` : ''}`,
      `${s.bold('Cards')}: ${st.total} (new ${st.byState.new}, learning ${st.byState.learning}, review ${st.byState.review}, relearning ${st.byState.relearning})`,
      `${s.bold('True retention')} (30 days): ${st.trueRetention === null ? 'no reviews of mature cards yet' : `${Math.round(st.trueRetention * 1000) / 10}% of ${st.retentionReviews}`} · desired ${st.settings.retention}`,
      `${s.bold('Reviews')}: ${plural(reviews, 'review')} in 30 days (${Math.round((reviews / 30) * 10) / 10} a day) · limits: ${st.settings.newPerDay} new, ${plural(st.settings.reviewsPerDay, 'review')} a day`,
      s.bold('Forecast (next 7 of 30 days):'),
      table(week),
    ].join('\n') + '\n',
  );
}

export function makeCardsCommand(deps: Deps): Command {
  const cards = new Command('cards')
    .description('flashcard statistics, Anki import/export, your own cards and drill settings')
    .addHelpText('after', '\nExamples:\n  $ roadmap cards stats\n  $ roadmap cards export ~/roadmap.txt   # then File → Import in Anki\n  $ roadmap cards add --front "What does VACUUM reclaim?" --back "Space of dead tuples" --tags postgres,phase-2');
  cards
    .command('stats')
    .description("today's queue (reviews due and new cards under the daily limit), a 30-day forecast, reviews per day, true retention, cards by state")
    .option('--date <date>', 'as if today were this date')
    .option('--json', 'print the statistics as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap cards stats --json | jq .forecast')
    .action((opts: { date?: string; json?: boolean }) => cardsStatsRun(deps, opts));
  cards
    .command('import <file>')
    .description('import an Anki "Notes in Plain Text" export (tab-separated) as your own cards; re-importing updates them')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap cards import ~/Downloads/Postgres.txt')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { importAnki } = await import('../../drill/cards-io.js');
      const r = await importAnki(deps, file);
      if (opts.json) return writeJson(deps.io, r);
      deps.io.out(`Imported ${file}: ${r.added} added, ${r.updated} updated${r.skipped ? `, ${r.skipped} already roadmap's own cards` : ''}.\n`);
    });
  cards
    .command('export <file>')
    .description('write cards as Anki plain text (guid, front, back, tags), ready for Anki\'s File → Import')
    .option('--phase <n>', 'only this phase', parsePhase)
    .option('--own', 'only your own cards (imported or added)')
    .option('--json', 'print the count as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap cards export phase-2.txt --phase 2')
    .action(async (file: string, opts: { phase?: number; own?: boolean; json?: boolean }) => {
      const { exportAnki } = await import('../../drill/cards-io.js');
      const n = await exportAnki(deps, file, opts);
      if (opts.json) return writeJson(deps.io, { file, cards: n });
      deps.io.out(`Wrote ${plural(n, 'card')} to ${file}.\n`);
    });
  cards
    .command('add')
    .description('add a card of your own, e.g. from a failed kata check or a failed criterion')
    .requiredOption('--front <text>', 'the question')
    .requiredOption('--back <text>', 'the answer')
    .option('--tags <list>', 'comma-separated topics, e.g. postgres,phase-2', '')
    .option('--json', 'print the new card id as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap cards add --front "Why await inside for...of is slow?" --back "It serialises the requests" --tags async,phase-1')
    .action(async (opts: { front: string; back: string; tags: string; json?: boolean }) => {
      const tags = opts.tags.split(',').map((t) => t.trim()).filter(Boolean);
      const { validateCardTags } = await import('../../drill/drill-engine.js');
      validateCardTags(await deps.plan(), tags);
      const { addCard } = await import('../../drill/cards-io.js');
      const id = await addCard(deps, { front: opts.front, back: opts.back, tags });
      if (opts.json) return writeJson(deps.io, { id });
      const phase = tags.find((t) => /^phase-\d+$/.test(t));
      deps.io.out(`Added ${id}; \`roadmap drill\` asks it before the decks' new cards${phase ? ` (from ${phase} on)` : ''}.\n`);
    });
  cards
    .command('config')
    .description('show or change the daily limits and the desired retention')
    .option('--new-per-day <n>', 'new cards introduced per day (default 20)', parseCount)
    .option('--reviews-per-day <n>', 'reviews per day (default 200)', parseCount)
    .option('--retention <r>', 'FSRS desired retention (default 0.9)', parseRetention)
    .option('--json', 'print the settings as JSON')
    .addHelpText('after', '\nExample:\n  $ roadmap cards config --new-per-day 10')
    .action(async (opts: { newPerDay?: number; reviewsPerDay?: number; retention?: number; json?: boolean }) => {
      const { setSettings } = await import('../../drill/drill-engine.js');
      const st = await setSettings(deps, { newPerDay: opts.newPerDay, reviewsPerDay: opts.reviewsPerDay, retention: opts.retention });
      if (opts.json) return writeJson(deps.io, st);
      deps.io.out(`${plural(st.newPerDay, 'new card')} and ${plural(st.reviewsPerDay, 'review')} a day, desired retention ${st.retention}.\n`);
    });
  return cards;
}
