/**
 * The report as text: for the terminal (optionally coloured) and as Markdown. Both come from the same
 * ReportData, so the figures agree with the HTML portfolio and `--json`.
 */
import { formatThreshold, formatValue, type FigureSummary } from '../core/criteria.js';
import { formatLongDate, formatShortDate, type LocalDate } from '../core/local-date.js';
import type { HeatCell } from '../core/activity.js';
import { bar, plural, PLAIN_STYLE, type Style } from '../cli/output.js';
import type { CriterionReport, ReportData } from './report-data.js';

const CELLS = ['·', '░', '▒', '▓', '█'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
const n = (x: number): string => x.toLocaleString('en-US');

function cell(c: HeatCell, s: Style): string {
  if (c.future) return ' ';
  const ch = CELLS[c.level];
  return c.level >= 3 ? s.green(ch) : c.level > 0 ? s.yellow(ch) : s.dim(ch);
}

/** GitHub's contribution graph in terminal cells: a column per week, a row per weekday, month names on top. */
export function heatmapLines(data: ReportData, s: Style = PLAIN_STYLE): string[] {
  const weeks = data.heatmap.weeks;
  // A month's name over the first week that starts in it, where the previous name leaves room.
  let months = '    ';
  let last = '';
  weeks.forEach((w, i) => {
    const month = formatShortDate(w.monday).slice(3);
    const column = 4 + i * 2;
    if (month !== last && months.length <= column) {
      months = months.padEnd(column) + month;
      last = month;
    }
  });
  const rows = WEEKDAYS.map((name, i) => `${name} ${weeks.map((w) => cell(w.days[i]!, s)).join(' ')}`.trimEnd());
  return [months.trimEnd(), ...rows, s.dim(`    ${CELLS.join(' ')}  none → ≥ 1.5× the daily ${data.dailyTarget} min`)];
}

function trend(values: readonly number[]): string {
  if (values.length < 2 || values.every((v) => v === values[0])) return '';
  return ` (trend ${values.slice(-4).map((v) => formatValue(v, '')).join(' → ')})`;
}

/** "event-loop delay p99 14 ms < 50 ms" for the judged figures of a criterion's latest run, with their trend. */
export function criterionLine(c: CriterionReport): string {
  const last = c.runs.at(-1);
  if (!last) return 'not verified yet';
  const judged = last.figures.filter((f) => f.pass !== null);
  const shown = (judged.length > 0 ? judged : last.figures).slice(0, 3);
  return shown
    .map((f: FigureSummary) => {
      const history = c.runs.map((r) => r.figures.find((x) => x.name === f.name)?.value).filter((v): v is number => v !== undefined);
      return `${f.name} ${formatValue(f.value, f.unit)}${f.threshold ? ` (${formatThreshold(f.threshold, f.unit)})` : ''}${trend(history)}`;
    })
    .join('; ');
}

/** "planned end …, projected …": the projection of `status` and `replan` (every study day from today on). */
export function endPhrase(data: ReportData): string {
  const planned = `planned end ${formatLongDate(data.plan.plannedEnd)}`;
  if (data.plan.projectedEnd === data.plan.plannedEnd) return planned;
  return `${planned}, projected ${formatLongDate(data.plan.projectedEnd)} (if you study every study day from today)`;
}

/** The greeting of an empty report, in plain words (the renderers add their own emphasis). */
export function dayOneText(data: ReportData, command: string, what = 'this report'): string {
  return `Day one: nothing to chart yet. Start today's ${data.dailyTarget} minutes with ${command}; ${what} fills in as you go.`;
}

/** The terminal report. */
export function renderTerminal(data: ReportData, s: Style = PLAIN_STYLE): string {
  const out: string[] = [];
  out.push(`${s.bold(`Progress report — ${data.planTitle}`)}  ${s.dim(formatLongDate(data.today))}`);
  out.push(`Position: ${data.position} · ${data.plan.studyDaysDone}/${data.plan.studyDaysTotal} study days · ${endPhrase(data)}`);
  out.push(`Streak ${plural(data.streak.current, 'day')} (longest ${data.streak.longest})${data.streak.atRisk ? s.yellow(' · at risk today') : ''} · backlog ${plural(data.backlogDays, 'study day')} · ${n(data.totalMinutes)} min from ${formatShortDate(data.from)} to ${formatShortDate(data.to)}`);
  if (data.empty) {
    out.push('', dayOneText(data, s.bold('roadmap start')));
  }
  out.push('', s.bold('Study days'), ...heatmapLines(data, s));
  out.push('', s.bold('Minutes per week'));
  for (const w of data.weeks.slice(-12)) {
    out.push(`  ${formatShortDate(w.monday)}  ${bar(w.targetMinutes ? w.minutes / w.targetMinutes : 0, 16)}  ${String(w.minutes).padStart(4)}/${w.targetMinutes} min  ${s.dim(`${plural(w.completedDays, 'day')} done`)}`);
  }
  out.push('', s.bold('Katas passed per phase'));
  for (const p of data.phases) {
    out.push(`  ${String(p.number).padStart(2)} ${p.title.padEnd(28)} ${bar(p.katas.total ? p.katas.passed / p.katas.total : 0, 10)} ${p.katas.passed}/${p.katas.total}${p.katas.attempts ? s.dim(` (${plural(p.katas.attempts, 'check')})`) : ''}`);
  }
  const c = data.cards;
  out.push('', s.bold('Flashcards'));
  out.push(`  ${c.dueToday} due today · true retention ${pct(c.trueRetention)}${c.retentionReviews ? ` over ${plural(c.retentionReviews, 'review')}` : ''} · ${c.total - c.byState.new}/${c.total} cards seen`);
  out.push(`  next 7 days: ${c.forecast.slice(0, 7).map((f) => f.due).join(' ')}; next 30 days: ${c.forecast.reduce((a, f) => a + f.due, 0)} due`);
  out.push('', s.bold('Acceptance criteria'));
  for (const p of data.phases) {
    if (p.stages.total > 0) out.push(`  ${s.dim(`phase ${p.number}: stages ${p.stages.passed}/${p.stages.total} passed`)}`);
    for (const cr of p.criteriaDetail) {
      const mark = cr.runs.length === 0 ? s.dim('·') : cr.verified ? s.green('✓') : s.red('✗');
      out.push(`  ${mark} ${cr.title} ${s.dim(cr.id)}`);
      if (cr.runs.length) out.push(`      ${criterionLine(cr)}`);
    }
  }
  const r = data.review;
  out.push('', s.bold(`This week (${formatShortDate(r.monday)}–${formatShortDate(r.sunday)})`));
  out.push(`  ${weekLine(data)}`);
  if (r.slipped.length) out.push(`  ${s.yellow('slipped')}: ${r.slipped.map(formatShortDate).join(', ')}`);
  out.push(`  ${s.bold('→')} ${r.suggestion.text}${r.suggestion.command ? ` ${s.dim(`(\`${r.suggestion.command}\`)`)}` : ''}`);
  return out.join('\n') + '\n';
}

/** This week in one line: "5/6 study days, 165/180 min, 40 reviews, 1 kata passed, 1 task checked". */
export function weekLine(data: ReportData): string {
  const r = data.review;
  return `${r.done}/${plural(r.planned, 'study day')}, ${r.minutes}/${r.targetMinutes} min, ${plural(r.reviews, 'review')}, ${plural(r.katasPassed.length, 'kata')} passed, ${plural(r.tasksChecked.length, 'task')} checked`;
}

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const dayLink = (d: LocalDate): string => formatShortDate(d);

/** The report as Markdown (a README section, a weekly review note). */
export function renderMarkdown(data: ReportData): string {
  const out: string[] = [];
  out.push(`# Progress report — ${data.planTitle}`, '', `_${formatLongDate(data.today)}; ${data.position}._`, '');
  if (data.empty) out.push(dayOneText(data, '`roadmap start`'), '');
  out.push(
    `- Study days: ${data.plan.studyDaysDone} of ${data.plan.studyDaysTotal}; ${endPhrase(data)}`,
    `- Streak: ${data.streak.current} (longest ${data.streak.longest}); backlog: ${plural(data.backlogDays, 'study day')}`,
    `- Minutes from ${dayLink(data.from)} to ${dayLink(data.to)}: ${n(data.totalMinutes)}`,
    '',
    '## Study days',
    '',
    '```',
    ...heatmapLines(data),
    '```',
    '',
    '## Minutes per week',
    '',
    ...mdTable(['week of', 'minutes', 'target', 'days done'], data.weeks.map((w) => [formatShortDate(w.monday), String(w.minutes), String(w.targetMinutes), String(w.completedDays)])),
    '',
    '## Katas',
    '',
    ...mdTable(['phase', 'passed', 'started', 'total', 'checks'], data.phases.map((p) => [`${p.number} ${p.title}`, String(p.katas.passed), String(p.katas.started), String(p.katas.total), String(p.katas.attempts)])),
    '',
    '## Flashcards',
    '',
    `${data.cards.dueToday} due today; true retention ${pct(data.cards.trueRetention)}${data.cards.retentionReviews ? ` over ${plural(data.cards.retentionReviews, 'review')}` : ''}; next 7 days: ${data.cards.forecast.slice(0, 7).map((f) => f.due).join(', ')}.`,
    '',
    '## Acceptance criteria',
    '',
    ...data.phases.filter((p) => p.stages.total > 0).map((p) => `Phase ${p.number}: Saturday stages ${p.stages.passed}/${p.stages.total} passed.`),
    '',
    ...mdTable(
      ['phase', 'criterion', 'verified', 'latest figures'],
      data.phases.flatMap((p) => p.criteriaDetail.map((c) => [String(p.number), `${c.title} (\`${c.id}\`)`, c.runs.length === 0 ? '—' : c.verified ? '✓' : '✗', criterionLine(c)])),
    ),
    '',
    `## This week (${formatShortDate(data.review.monday)}–${formatShortDate(data.review.sunday)})`,
    '',
    `${weekLine(data)}.` +
      (data.review.slipped.length ? ` Slipped: ${data.review.slipped.map(formatShortDate).join(', ')}.` : ''),
    '',
    `**Next:** ${data.review.suggestion.text}${data.review.suggestion.command ? ` (\`${data.review.suggestion.command}\`)` : ''}`,
    '',
  );
  return out.join('\n');
}
