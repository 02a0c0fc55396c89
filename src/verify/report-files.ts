import { join } from 'node:path';
import { writeFileAtomic } from '../system/write-file-atomic.js';
import { formatThreshold, formatValue, type CriterionResult, type FigureSummary, type Verdict } from '../core/criteria.js';
import type { Calibration } from './kit/calibration.js';
import { ensureDir } from '../system/ensure-dir.js';

/** One Saturday stage as a verify ran it. */
export interface StageResult {
  readonly id: string;
  readonly week: number;
  readonly title: string;
  readonly verdict: Verdict;
  readonly checks: readonly CriterionResult[];
}

/** Everything `roadmap verify phase-N` found, as written to reports/phase-N/<target>-<stamp>.json (and printed by `--json`). */
export interface VerifyReport {
  /** 2: stages, verdicts, calibration and a run id. */
  readonly schema: 2;
  readonly runId: string;
  readonly phase: number;
  readonly phaseTitle: string;
  readonly target: { readonly kind: string; readonly name: string; readonly dir: string };
  /** ISO 8601 instant the verification finished. */
  readonly date: string;
  readonly node: string;
  readonly machine: { readonly platform: string; readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number };
  readonly roadmapVersion: string;
  readonly repeat: number;
  /** `--stage K`: stages 1..K only; null for a full verify (the last stage and every criterion). */
  readonly stage: number | null;
  readonly settings: Readonly<Record<string, number | string>>;
  /** False for a smaller-than-stated run (e.g. fewer pages): figures shown, not recorded as verified. */
  readonly full: boolean;
  readonly durationMs: number;
  /** Nothing failed and nothing was skipped. */
  readonly passed: boolean;
  /** "2 of 2 verified", "1 of 2 verified, 1 skipped", "1 of 2 failed". */
  readonly summary: string;
  readonly stages: readonly StageResult[];
  /** Stages not run because an earlier one failed. */
  readonly stagesNotRun: readonly string[];
  readonly criteria: readonly CriterionResult[];
  readonly calibration: Calibration;
  readonly logFile: string;
}

function spread(f: FigureSummary): string {
  return f.runs.length > 1 ? `${formatValue(f.min, '')}–${formatValue(f.max, f.unit)}` : '';
}

function figureVerdict(f: FigureSummary): string {
  return f.pass === null ? 'reported' : f.pass ? 'pass' : '**fail**';
}

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', skipped: '–' };

function checkSection(lines: string[], c: CriterionResult, repeat: number, heading: string): void {
  lines.push(`${heading} ${MARK[c.verdict]} ${c.title} (\`${c.id}\`)`, '');
  if (c.skip) lines.push(`> skipped: ${c.skip.reason} — ${c.skip.fix}`, '');
  for (const reason of c.reasons) lines.push(`> ${reason}`, '');
  if (c.figures.length === 0) return;
  lines.push(`| figure | value | ${repeat > 1 ? 'spread | ' : ''}threshold | verdict |`, `|---|---:|${repeat > 1 ? '---:|' : ''}---|---|`);
  for (const f of c.figures) {
    lines.push(`| ${f.name} | ${formatValue(f.value, f.unit)} | ${repeat > 1 ? `${spread(f)} | ` : ''}${f.threshold ? formatThreshold(f.threshold, f.unit) : '—'} | ${figureVerdict(f)} |`);
  }
  lines.push('');
}

/** The report as Markdown: where and how it ran, the calibration, then the stages and one table of figures per criterion. */
export function renderMarkdown(r: VerifyReport): string {
  const c = r.calibration;
  const lines = [
    `# Phase ${r.phase} — ${r.phaseTitle}${r.stage ? ` (stages 1–${r.stage})` : ''}: ${r.summary}`,
    '',
    `- Target: ${r.target.kind} \`${r.target.name}\` (${r.target.dir}); run ${r.runId}`,
    `- Date: ${r.date}; Node ${r.node}; ${r.machine.platform}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB; roadmap ${r.roadmapVersion}`,
    `- Runs: ${r.repeat} (figures are medians${r.repeat > 1 ? ', with the spread over runs; a criterion holds only if it held in every run' : ''}); ` +
      `settings: ${Object.entries(r.settings).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}` +
      (r.full ? '' : ' — **a smaller run than the criterion states: not recorded as verified**'),
    `- Machine: load ${c.loadBefore} before, ${c.loadAfter} after, on ${c.cores} cores; idle event-loop delay p99 ${c.idleEventLoopDelayP99Ms ?? '—'} ms` +
      (c.bareHttpRps !== null ? `; a bare Node HTTP server: ${c.bareHttpRps.toLocaleString('en-US')} requests/s` : '') +
      (c.busy ? ' — **machine busy: figures unreliable**, timing failures not recorded as yours' : ''),
    `- Took ${(r.durationMs / 1000).toFixed(1)} s; the target's output: ${r.logFile}`,
    '',
  ];
  if (r.stages.length > 0 || r.stagesNotRun.length > 0) {
    lines.push('## Stages', '');
    for (const s of r.stages) {
      lines.push(`### ${MARK[s.verdict]} Stage ${s.week}: ${s.title} (\`${s.id}\`)`, '');
      for (const check of s.checks) checkSection(lines, check, 1, '####');
    }
    if (r.stagesNotRun.length > 0) lines.push(`Not run (an earlier stage failed): ${r.stagesNotRun.join(', ')}`, '');
  }
  if (r.criteria.length > 0) lines.push('## Acceptance criteria', '');
  for (const criterion of r.criteria) checkSection(lines, criterion, r.repeat, '###');
  return lines.join('\n');
}

/** `2026-12-02T10-15-00-000Z`: an instant safe in a file name. */
function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

/**
 * Writes `reports/phase-N/<target>-<stamp>.{json,md}` under `dir`, each atomically (never half-written), and for
 * the learner's own full runs also `latest.{json,md}`, which the portfolio shows: a run against the reference, a
 * smaller run or a single stage never replaces the learner's latest.
 */
export function writeReportFiles(dir: string, report: VerifyReport, opts: { readonly latest: boolean }): { json: string; md: string; latest: { json: string; md: string } | null } {
  const phaseDir = join(dir, `phase-${report.phase}`);
  ensureDir(phaseDir);
  const base = join(phaseDir, `${report.target.kind}-${fileStamp(report.date)}`);
  const json = `${base}.json`;
  const md = `${base}.md`;
  const jsonText = JSON.stringify(report, null, 2) + '\n';
  const mdText = renderMarkdown(report);
  writeFileAtomic(json, jsonText);
  writeFileAtomic(md, mdText);
  if (!opts.latest) return { json, md, latest: null };
  const latest = { json: join(phaseDir, 'latest.json'), md: join(phaseDir, 'latest.md') };
  // Written again, not linked: the portfolio copies these files elsewhere, and a link would break there.
  writeFileAtomic(latest.json, jsonText);
  writeFileAtomic(latest.md, mdText);
  return { json, md, latest };
}
