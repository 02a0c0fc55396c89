import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../system/write-file-atomic.js';
import { formatThreshold, formatValue, type CriterionResult, type FigureSummary } from '../core/criteria.js';

/** Everything `roadmap verify phase-N` found, as written to reports/phase-N.json (and printed by `--json`). */
export interface VerifyReport {
  readonly phase: number;
  readonly phaseTitle: string;
  readonly target: { readonly kind: string; readonly name: string; readonly dir: string };
  /** ISO 8601 instant the verification finished. */
  readonly date: string;
  readonly node: string;
  readonly machine: { readonly platform: string; readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number };
  readonly roadmapVersion: string;
  readonly repeat: number;
  readonly settings: Readonly<Record<string, number | string>>;
  /** False for a smaller-than-stated run (e.g. fewer pages): figures shown, not recorded as verified. */
  readonly full: boolean;
  readonly durationMs: number;
  readonly passed: boolean;
  readonly criteria: readonly CriterionResult[];
  readonly logFile: string;
}

function spread(f: FigureSummary): string {
  return f.runs.length > 1 ? `${formatValue(f.min, '')}–${formatValue(f.max, f.unit)}` : '';
}

function verdict(f: FigureSummary): string {
  return f.pass === null ? 'reported' : f.pass ? 'pass' : '**fail**';
}

/** The report as Markdown: a header of where and how it ran, then one table of figures per criterion. */
export function renderMarkdown(r: VerifyReport): string {
  const lines = [
    `# Phase ${r.phase} — ${r.phaseTitle}: ${r.passed ? 'every criterion holds' : 'not yet'}`,
    '',
    `- Target: ${r.target.kind} \`${r.target.name}\` (${r.target.dir})`,
    `- Date: ${r.date}; Node ${r.node}; ${r.machine.platform}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB; roadmap ${r.roadmapVersion}`,
    `- Runs: ${r.repeat} (figures are medians${r.repeat > 1 ? ', with the spread over runs; a criterion holds only if it held in every run' : ''}); ` +
      `settings: ${Object.entries(r.settings).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}` +
      (r.full ? '' : ' — **a smaller run than the criterion states: not recorded as verified**'),
    `- Took ${(r.durationMs / 1000).toFixed(1)} s; the target's output: ${r.logFile}`,
    '',
  ];
  for (const c of r.criteria) {
    lines.push(`## ${c.passed ? '✓' : '✗'} ${c.title} (\`${c.id}\`)`, '');
    for (const reason of c.reasons) lines.push(`> ${reason}`, '');
    lines.push(`| figure | value | ${r.repeat > 1 ? 'spread | ' : ''}threshold | verdict |`, `|---|---:|${r.repeat > 1 ? '---:|' : ''}---|---|`);
    for (const f of c.figures) {
      lines.push(
        `| ${f.name} | ${formatValue(f.value, f.unit)} | ${r.repeat > 1 ? `${spread(f)} | ` : ''}${f.threshold ? formatThreshold(f.threshold, f.unit) : '—'} | ${verdict(f)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes reports/phase-N.json and .md under `dir`, each atomically (never half-written). */
export function writeReportFiles(dir: string, report: VerifyReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `phase-${report.phase}.json`);
  const md = join(dir, `phase-${report.phase}.md`);
  writeFileAtomic(json, JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(md, renderMarkdown(report));
  return { json, md };
}
