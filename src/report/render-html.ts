/**
 * The HTML portfolio: one self-contained page (inline CSS, every chart an inline SVG rendered at build time by
 * Observable Plot on a jsdom document; no script, no CDN), plus copies of the verify reports it links to.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatThreshold, formatValue } from '../core/criteria.js';
import { writeFileAtomic } from '../system/write-file-atomic.js';
import { formatLongDate, formatShortDate } from '../core/local-date.js';
import { plural } from '../cli/output.js';
import { criterionLine, dayOneText, endPhrase, heatmapLines, pct, weekLine } from './render-text.js';
import type { PhaseReport, ReportData } from './report-data.js';

type PlotModule = typeof import('@observablehq/plot');

const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const STATE_COLOURS = { done: '#2e7d32', current: '#1565c0', upcoming: '#b0bec5', past: '#ef6c00' } as const;

interface Charts {
  readonly timeline: string;
  readonly heatmap: string;
  readonly minutes: string;
  readonly retention: string;
  readonly forecast: string;
  readonly katas: string;
  readonly criteria: ReadonlyMap<string, string>;
}

/** Renders every chart to an SVG string. Plot makes DOM nodes; jsdom supplies the document. */
async function renderCharts(data: ReportData): Promise<Charts> {
  const Plot: PlotModule = await import('@observablehq/plot');
  const { JSDOM } = await import('jsdom');
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
  const svg = (options: Parameters<PlotModule['plot']>[0]): string => {
    const node = Plot.plot({ document, width: 960, style: { fontSize: '12px', background: 'transparent' }, ...options }) as unknown as Element;
    // A figure wraps the SVG when there is a legend; keep the markup either way.
    return node.outerHTML;
  };

  const phases = data.phases.map((p) => ({ ...p, label: `${p.number} ${p.title}`, s: day(p.start), e: day(p.end) }));
  const timeline = svg({
    height: 40 + phases.length * 26,
    marginLeft: 210,
    x: { type: 'utc', label: null },
    y: { label: null, domain: phases.map((p) => p.label) },
    color: { domain: Object.keys(STATE_COLOURS), range: Object.values(STATE_COLOURS), legend: true },
    marks: [
      Plot.barX(phases, { x1: 's', x2: 'e', y: 'label', fill: 'state', title: (p: (typeof phases)[number]) => `${p.label}: ${p.studyDays.done}/${p.studyDays.total} study days` }),
      Plot.ruleX([day(data.today)], { stroke: '#c62828', strokeDasharray: '4,3' }),
    ],
  });

  const cells = data.heatmap.weeks.flatMap((w) => w.days.filter((d) => !d.future).map((d, i) => ({ week: day(w.monday), weekday: WEEKDAYS[i]!, minutes: Math.round(d.minutes), date: d.date })));
  const heatmap = svg({
    width: Math.min(960, 60 + data.heatmap.weeks.length * 22),
    height: 170,
    marginLeft: 40,
    padding: 0.1,
    x: { type: 'band', tickFormat: (d: Date) => (d.getUTCDate() <= 7 ? formatShortDate(d.toISOString().slice(0, 10)).slice(3) : ''), label: null },
    y: { domain: WEEKDAYS, label: null },
    // No ramp legend: Plot draws continuous legends on a canvas, which jsdom has not got; the caption says it.
    color: { type: 'linear', domain: [0, data.dailyTarget * 1.5], range: ['#ebedf0', '#216e39'] },
    marks: [Plot.cell(cells, { x: 'week', y: 'weekday', fill: 'minutes', inset: 0.5, title: (c: (typeof cells)[number]) => `${c.date}: ${c.minutes} min` })],
  });

  const weeks = data.weeks.map((w) => ({ ...w, week: day(w.monday) }));
  const minutes = svg({
    height: 220,
    x: { type: 'band', label: null, tickFormat: (d: Date) => (weeks.length <= 12 || d.getUTCDate() <= 7 ? formatShortDate(d.toISOString().slice(0, 10)) : '') },
    y: { label: 'minutes', grid: true, domain: [0, Math.max(1, ...weeks.map((w) => Math.max(w.minutes, w.targetMinutes)))] },
    marks: [
      Plot.barY(weeks, { x: 'week', y: 'minutes', fill: '#1565c0', title: (w: (typeof weeks)[number]) => `${w.monday}: ${w.minutes} of ${w.targetMinutes} min` }),
      Plot.tickY(weeks, { x: 'week', y: 'targetMinutes', stroke: '#c62828', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  });

  const ret = data.cards.retentionByWeek.filter((w) => w.retention !== null).map((w) => ({ week: day(w.monday), retention: w.retention!, reviews: w.reviews }));
  const retention = svg({
    height: 220,
    x: { type: 'utc', label: null },
    y: { domain: [0, 1], tickFormat: '%', label: 'true retention', grid: true },
    marks: [
      Plot.ruleY([0.9], { stroke: '#999', strokeDasharray: '4,3' }),
      Plot.lineY(ret, { x: 'week', y: 'retention', stroke: '#2e7d32' }),
      Plot.dot(ret, { x: 'week', y: 'retention', r: 4, fill: '#2e7d32', title: (w: (typeof ret)[number]) => `${pct(w.retention)} of ${plural(w.reviews, 'review')}` }),
    ],
  });

  const fc = data.cards.forecast.map((f) => ({ date: day(f.date), due: f.due }));
  const forecast = svg({
    height: 200,
    x: { type: 'band', label: null, tickFormat: (d: Date) => (d.getUTCDay() === 1 ? formatShortDate(d.toISOString().slice(0, 10)) : '') },
    y: { label: 'cards due', grid: true, domain: [0, Math.max(1, ...fc.map((f) => f.due))] },
    marks: [Plot.barY(fc, { x: 'date', y: 'due', fill: '#6a1b9a', title: (f: (typeof fc)[number]) => `${f.due} due` }), Plot.ruleY([0])],
  });

  const kataRows = phases.map((p) => ({ label: p.label, rate: p.katas.total ? p.katas.passed / p.katas.total : 0, passed: p.katas.passed, total: p.katas.total }));
  const katas = svg({
    height: 40 + kataRows.length * 24,
    marginLeft: 210,
    x: { domain: [0, 1], tickFormat: '%', label: 'katas passed', grid: true },
    y: { label: null, domain: kataRows.map((k) => k.label) },
    marks: [Plot.barX(kataRows, { x: 'rate', y: 'label', fill: '#ef6c00', title: (k: (typeof kataRows)[number]) => `${k.passed}/${k.total}` }), Plot.ruleX([0])],
  });

  const criteria = new Map<string, string>();
  for (const p of data.phases) {
    for (const c of p.criteriaDetail) {
      if (c.runs.length === 0) continue;
      // One small chart per figure: their units and scales differ (pages, ms, MB), so no shared axis.
      const names = c.runs.at(-1)!.figures.filter((f) => f.pass !== null || f.unit === 'MB' || /\/s$/.test(f.unit)).map((f) => f.name);
      const charts = names.map((name) => {
        const points = c.runs.flatMap((r, i) => r.figures.filter((f) => f.name === name).map((f) => ({ run: i + 1, value: f.value, pass: f.pass })));
        const last = c.runs.at(-1)!.figures.find((f) => f.name === name)!;
        const t = last.threshold;
        const rules = t === null ? [] : t.op === 'between' ? [t.min, t.max] : [t.value];
        const values = [...points.map((p) => p.value), ...rules];
        return `<figure class="small"><figcaption>${esc(name)} (${esc(last.unit)})</figcaption>${svg({
          width: 300,
          height: 150,
          marginLeft: 50,
          x: { label: 'verify run', domain: [0.5, c.runs.length + 0.5], ticks: Math.min(c.runs.length, 8), tickFormat: 'd' },
          y: { grid: true, label: null, domain: [Math.min(0, ...values), Math.max(...values) * 1.15 || 1] },
          color: { type: 'categorical', domain: [true, false, null], range: ['#2e7d32', '#c62828', '#546e7a'] },
          marks: [
            Plot.ruleY(rules, { stroke: '#999', strokeDasharray: '4,3' }),
            Plot.lineY(points, { x: 'run', y: 'value', stroke: '#90a4ae' }),
            Plot.dot(points, { x: 'run', y: 'value', fill: 'pass', r: 4, title: (d: (typeof points)[number]) => `run ${d.run}: ${formatValue(d.value, last.unit)}` }),
          ],
        })}</figure>`;
      });
      criteria.set(c.id, `<div class="smalls">${charts.join('')}</div>`);
    }
  }
  return { timeline, heatmap, minutes, retention, forecast, katas, criteria };
}

const CSS = `
:root{color-scheme:light;--ink:#1b1f23;--dim:#57606a;--line:#d0d7de}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:1020px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.dim{color:var(--dim)}.kpis{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.kpi{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}.kpi b{display:block;font-size:1.4rem}
figure{margin:0}svg{max-width:100%;height:auto}table{border-collapse:collapse;margin:.6rem 0}
td,th{border:1px solid var(--line);padding:.25rem .6rem;text-align:left}td.num{text-align:right}
.ok{color:#2e7d32}.bad{color:#c62828}pre{background:#f6f8fa;padding:.6rem;overflow:auto}
.chart{margin:.6rem 0 1.2rem}.smalls{display:flex;flex-wrap:wrap;gap:1rem}.small figcaption{font-size:.85rem;color:var(--dim)}.empty{background:#fff8e1;border:1px solid #ffe082;padding:.8rem;border-radius:6px}`;

/** Why a run has no figures to show, instead of a table with a header and no rows. */
function noFiguresText(p: PhaseReport, verified: boolean): string {
  const why = verified
    ? 'the criterion held with nothing to measure'
    : 'the check stopped before it measured anything (the project did not start, or this verifier does not measure it yet)';
  return `No figures recorded: ${why}${p.reportFiles ? `; <a href="reports/phase-${p.number}.md">the verify report</a> says what happened` : ''}.`;
}

/** What a chart would show, when there is nothing to draw yet: one sentence saying what is missing. */
export function emptyChartText(data: ReportData): Readonly<Record<'minutes' | 'retention' | 'forecast' | 'katas', string | null>> {
  const c = data.cards;
  const noReviews = 'No reviews yet: retention appears after your first drill (<code>roadmap drill</code>).';
  return {
    minutes: data.totalMinutes === 0 ? 'No study minutes in this window yet: <code>roadmap start</code> times today’s session and its minutes appear here.' : null,
    retention:
      c.reviews === 0
        ? noReviews
        : c.retentionByWeek.every((w) => w.retention === null)
          ? 'No reviews of mature cards in this window yet: true retention counts reviews of cards past their learning steps, a few days after you first learn them.'
          : null,
    forecast: c.forecast.every((f) => f.due === 0) ? (c.reviews === 0 ? 'No cards due: the forecast appears once <code>roadmap drill</code> has taught you some cards.' : 'No cards due in the next 30 days.') : null,
    katas: data.phases.every((p) => p.katas.passed === 0) ? 'No kata passed yet: Thursday’s <code>roadmap kata next</code> starts one.' : null,
  };
}

function phaseSection(p: PhaseReport, charts: Charts): string {
  const anyRun = p.criteriaDetail.some((c) => c.runs.length > 0);
  const criteria = p.criteriaDetail
    .map((c) => {
      const last = c.runs.at(-1);
      const mark = !last ? '<span class="dim">not verified yet</span>' : c.verified ? '<span class="ok">✓ holds</span>' : '<span class="bad">✗ does not hold</span>';
      const rows = !last
        ? ''
        : last.figures.length === 0
          ? `<p class="dim">${noFiguresText(p, c.verified)}</p>`
          : `<table><tr><th>figure</th><th>latest</th><th>threshold</th></tr>${last.figures
            .map((f) => `<tr><td>${esc(f.name)}</td><td class="num">${esc(formatValue(f.value, f.unit))}</td><td>${f.threshold ? esc(formatThreshold(f.threshold, f.unit)) : '<span class="dim">reported</span>'}</td></tr>`)
            .join('')}</table>`;
      const chart = charts.criteria.get(c.id);
      return `<h4>${esc(c.title)} <code>${esc(c.id)}</code> — ${mark}</h4>${last ? `<p class="dim">${plural(c.runs.length, 'run')}; latest ${esc(last.at.slice(0, 10))}: ${esc(criterionLine(c))}</p>` : ''}${chart ? `<div class="chart">${chart}</div>` : ''}${rows}`;
    })
    .join('');
  const links = p.reportFiles ? `<p>Reports: <a href="reports/phase-${p.number}.md">phase-${p.number}.md</a> · <a href="reports/phase-${p.number}.json">phase-${p.number}.json</a></p>` : '';
  const none = anyRun
    ? ''
    : `<p class="empty">${p.verifiable ? `Not verified yet: <code>roadmap verify phase-${p.number}</code> measures these criteria on your own project.` : 'No verifier for this phase yet: roadmap does not measure its criteria, so none has figures.'}</p>`;
  return `<h3>Phase ${p.number} — ${esc(p.title)}</h3><p class="dim">Mini-project: ${esc(p.miniProject)} · ${p.studyDays.done}/${p.studyDays.total} study days · ${p.tasks.checked}/${p.tasks.total} tasks · katas ${p.katas.passed}/${p.katas.total}${p.stages.total ? ` · stages ${p.stages.passed}/${p.stages.total}` : ''}</p>${links}${none}${criteria}`;
}

/** The portfolio page's HTML. */
export async function renderHtml(data: ReportData): Promise<string> {
  const charts = await renderCharts(data);
  const empty = emptyChartText(data);
  const chart = (id: keyof typeof empty, svg: string): string => `<div class="chart" id="${id}">${empty[id] ? `<p class="empty">${empty[id]}</p>` : svg}</div>`;
  const kpi = (label: string, value: string): string => `<div class="kpi"><span class="dim">${esc(label)}</span><b>${esc(value)}</b></div>`;
  const withRuns = data.phases.filter((p) => p.criteriaDetail.some((c) => c.runs.length > 0) || p.state === 'current' || p.state === 'done');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(data.planTitle)} — portfolio</title><style>${CSS}</style></head>
<body>
<h1>${esc(data.planTitle)}</h1>
<p class="dim">Portfolio generated ${esc(formatLongDate(data.today))} by roadmap · ${esc(data.position)}</p>
${data.empty ? `<p class="empty">${dayOneText(data, '<code>roadmap start</code>', 'this page')}</p>` : ''}
<div class="kpis">${kpi('study days', `${data.plan.studyDaysDone}/${data.plan.studyDaysTotal}`)}${kpi('streak', `${data.streak.current} (best ${data.streak.longest})`)}${kpi('minutes', data.totalMinutes.toLocaleString('en-US'))}${kpi('true retention', pct(data.cards.trueRetention))}${kpi('criteria verified', `${data.phases.reduce((a, p) => a + p.criteriaDetail.filter((c) => c.verified).length, 0)}/${data.phases.reduce((a, p) => a + p.criteriaDetail.length, 0)}`)}</div>
<h2>The plan</h2><div class="chart" id="timeline">${charts.timeline}</div>
<p class="dim">${esc(endPhrase(data).replace(/^p/, 'P'))}.</p>
<h2>Study days</h2><div class="chart" id="heatmap">${charts.heatmap}</div>
<p class="dim">Minutes a day, light to dark: none to 1.5× the daily ${data.dailyTarget} minutes.</p>
<details><summary class="dim">as text</summary><pre>${esc(heatmapLines(data).join('\n'))}</pre></details>
<h2>Minutes per week</h2>${chart('minutes', charts.minutes)}
<h2>Flashcards</h2>
<p>${data.cards.dueToday} due today · true retention ${pct(data.cards.trueRetention)}${data.cards.retentionReviews ? ` over ${plural(data.cards.retentionReviews, 'review')}` : ''} · ${data.cards.total - data.cards.byState.new}/${data.cards.total} cards seen</p>
${chart('retention', charts.retention)}
${chart('forecast', charts.forecast)}
<h2>Katas</h2>${chart('katas', charts.katas)}
<h2>Mini-projects and acceptance criteria</h2>
${withRuns.length ? withRuns.map((p) => phaseSection(p, charts)).join('\n') : '<p class="dim">No phase reached yet.</p>'}
<h2>This week</h2>
<p>${esc(weekLine(data))}. <b>Next:</b> ${esc(data.review.suggestion.text)}${data.review.suggestion.command ? ` <code>${esc(data.review.suggestion.command)}</code>` : ''}</p>
</body></html>
`;
}

/** Writes DIR/index.html and copies the verify reports it links to into DIR/reports/. Returns the page's path. */
export async function writePortfolio(data: ReportData, dir: string): Promise<string> {
  mkdirSync(join(dir, 'reports'), { recursive: true });
  for (const p of data.phases) {
    if (!p.reportFiles) continue;
    copyFileSync(p.reportFiles.md, join(dir, 'reports', `phase-${p.number}.md`));
    copyFileSync(p.reportFiles.json, join(dir, 'reports', `phase-${p.number}.json`));
  }
  const file = join(dir, 'index.html');
  writeFileAtomic(file, await renderHtml(data));
  return file;
}
