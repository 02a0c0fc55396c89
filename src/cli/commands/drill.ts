import { Command, InvalidArgumentError } from 'commander';
import { resolveDate } from '../../coach/dates.js';
import type { Deps } from '../../deps.js';
import { writeJson, styleFor, plural } from '../output.js';
import { parsePhase } from './task.js';

export interface DrillOptions {
  readonly phase?: number;
  readonly limit?: number;
  readonly date?: string;
  readonly json?: boolean;
}

function parseLimit(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a number of cards, 1 or more');
  return n;
}

/**
 * The drill in plain terminal mode: front, reveal, grade 1–4, `u` undoes the last grade, `q` quits. Every
 * grade is committed before the next card shows, so Ctrl-C or a crash loses no answered card.
 */
export async function drillRun(deps: Deps, opts: DrillOptions): Promise<void> {
  const { openDrill } = await import('../../drill/drill-engine.js');
  const { GRADES, formatInterval, Rating } = await import('../../drill/scheduler.js');
  const { kataForCard, LAPSES_BEFORE_KATA } = await import('../../drill/suggest-kata.js');
  const day = resolveDate(deps, opts.date);
  const d = await openDrill(deps, day, opts.phase);
  const s = styleFor(deps.io);
  const say = (t: string): void => deps.io.err(t);
  const graded: { id: string; rating: number }[] = [];
  let quit = false;
  while (!quit && (opts.limit === undefined || graded.length < opts.limit)) {
    const now = deps.clock.now().getTime();
    const q = d.session.next(now, d.endOfDayMs);
    if (!q) break;
    const c = d.session.counts(now, d.endOfDayMs);
    say(`\n${s.dim(`new ${c.new} · learning ${c.learning} · review ${c.review}`)}  ${s.dim(`${q.card.id} · ${q.kind}`)}\n`);
    say(`${s.bold('Q:')} ${q.card.front}\n`);
    const reveal = await deps.io.readKey(s.dim('  Enter: show the answer · u: undo the last grade · q: quit '));
    if (reveal === null || reveal === 'q') break;
    if (reveal === 'u') {
      const undone = await d.session.undo();
      if (undone) graded.pop();
      say(undone ? `Undid the grade of ${undone}.\n` : 'Nothing to undo.\n');
      continue;
    }
    say(`${s.bold('A:')} ${q.card.back}\n`);
    for (;;) {
      const key = await deps.io.readKey(`  ${GRADES.map((g) => `${g.key} ${g.name}`).join(' · ')} · u undo · q quit `);
      if (key === null || key === 'q') {
        quit = true;
        break;
      }
      if (key === 'u') {
        const undone = await d.session.undo();
        if (undone) graded.pop();
        say(undone ? `Undid the grade of ${undone}.\n` : 'Nothing to undo.\n');
        break;
      }
      const g = GRADES.find((x) => x.key === key.trim());
      if (!g) continue;
      const r = await d.session.grade(q.card.id, g.rating, deps.clock.now().getTime());
      graded.push({ id: q.card.id, rating: g.rating });
      say(`  ${g.name} → again in ${formatInterval(r.due - deps.clock.now().getTime())}\n`);
      if (g.rating === Rating.Again && r.lapses >= LAPSES_BEFORE_KATA) {
        const kata = kataForCard(deps.paths.packageRoot, q.card);
        if (kata) say(s.yellow(`  This card has lapsed ${r.lapses} times: the kata ${kata.id} (${kata.title}) trains it — ${kata.dir}\n`));
      }
      break;
    }
  }
  const again = graded.filter((g) => g.rating === Rating.Again).length;
  const left = d.session.counts(deps.clock.now().getTime(), d.endOfDayMs);
  const summary = { day, reviewed: graded.length, again, left: left.new + left.learning + left.review, phase: d.phase };
  if (opts.json) return writeJson(deps.io, summary);
  deps.io.out(
    graded.length === 0 && summary.left === 0
      ? `Nothing due: every card of phase ${d.phase} and before is done for today.\n`
      : `${plural(graded.length, 'card')} reviewed (${again} again); ${plural(summary.left, 'card')} left for today.\n`,
  );
}

export function makeDrillCommand(deps: Deps): Command {
  return new Command('drill')
    .description('review due flashcards (FSRS): see the front, reveal, grade 1 Again · 2 Hard · 3 Good · 4 Easy; u undoes')
    .option('--phase <n>', "only this phase's cards (introduces its new cards even if you have not reached it)", parsePhase)
    .option('--limit <k>', 'stop after this many cards', parseLimit)
    .option('--date <date>', 'drill as if today were this date')
    .option('--json', 'print a summary as JSON at the end')
    .addHelpText('after', '\nEvery grade is saved as you give it: Ctrl-C loses nothing you answered.\n\nExamples:\n  $ roadmap drill\n  $ roadmap drill --phase 2 --limit 20')
    .action((opts: DrillOptions) => drillRun(deps, opts));
}
