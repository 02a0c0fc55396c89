import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import type { Stage } from '../../core/plan.js';
import { resolveDate } from '../../coach/dates.js';
import { getToday, type Today } from '../../coach/today.js';
import type { Deps } from '../../deps.js';
import { VERIFIED_PHASES } from '../../verify/phases.js';
import { bar, formatMinutes, plural, styleFor, writeJson } from '../output.js';

export interface TodayOptions {
  readonly date?: string;
  readonly json?: boolean;
}

/** The JSON contract of `roadmap today --json` (scripts depend on these keys). */
export function todayJson(t: Today) {
  const info = t.info;
  return {
    date: t.date,
    studyDay: t.studyDay,
    state: info.kind,
    slot: info.kind === 'study' ? info.slot : info.kind === 'rest' ? 'rest' : null,
    slotTitle: t.slot.title,
    slotSummary: t.slot.summary,
    boxes: t.slot.boxes,
    phase: t.phase && { number: t.phase.number, title: t.phase.title, focus: t.phase.focus, miniProject: t.phase.miniProject },
    week: info.kind === 'study' || info.kind === 'rest' ? info.week : null,
    dayOfPlan: info.kind === 'study' ? info.dayOfPlan : null,
    dayOfPhase: info.kind === 'study' ? info.dayOfPhase : null,
    daysToGo: info.kind === 'not-started' ? info.daysToGo : null,
    tasks: t.tasks.map((k) => ({ id: k.id, title: k.title, checked: k.checked })),
    minutesDone: Math.round(t.minutesDone * 10) / 10,
    minutesTarget: t.minutesTarget,
    minutesLeft: Math.round(t.minutesLeft * 10) / 10,
    session: t.session && { state: t.session.state, startedAt: new Date(t.session.startedAt).toISOString(), day: t.session.day },
    streak: t.streak.current,
    longestStreak: t.streak.longest,
    streakAtRisk: t.streak.atRisk,
    frozen: t.frozenToday,
    backlog: t.backlog.days,
    backlogDates: t.backlog.dates,
    planStart: t.planStart,
    planEnd: t.planEnd,
    profile: t.hasProfile,
    stage: (() => {
      const stage = stageOf(t);
      return stage && { id: stage.id, week: stage.week, title: stage.title, build: stage.build, command: `roadmap verify phase-${t.phase!.number} --stage ${stage.week}` };
    })(),
    material: t.material && { slot: t.material.slot, title: t.material.title, minutes: t.material.minutes, path: t.material.path, ...(t.material.codeDir ? { codeDir: t.material.codeDir } : {}) },
  };
}

/** This Saturday's stage of the phase's mini-project: the stage of the phase week we are in. */
function stageOf(t: Today): Stage | null {
  const info = t.info;
  if (info.kind !== 'study' || t.slot.slot !== 'mini-project' || !t.phase) return null;
  return t.phase.stages.find((st) => st.week === info.week) ?? null;
}

/** Words wrapped to `width` columns. */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function renderToday(deps: Deps, t: Today): string {
  const s = styleFor(deps.io);
  const lines: string[] = [];
  const info = t.info;
  const date = formatLongDate(t.date);
  if (info.kind === 'not-started') {
    lines.push(`${s.bold(date)} · the plan starts ${formatLongDate(info.startsOn)} (${plural(info.daysToGo, 'day')} to go)`);
    if (t.phase) lines.push(`Phase 1 — ${t.phase.title} (${t.phase.focus}) comes first.`);
  } else if (info.kind === 'finished') {
    lines.push(`${s.bold(date)} · the plan ended ${formatLongDate(info.endedOn)}.`);
    lines.push(
      t.hasProfile
        ? `Start a new run of the plan: ${s.cyan('roadmap init --start tomorrow --force')} (your history is kept).`
        : `Start your own run of the plan: ${s.cyan('roadmap init --start tomorrow')} (or any date).`,
    );
  } else {
    const where = `Phase ${t.phase!.number} — ${t.phase!.title} · week ${info.week}`;
    if (info.kind === 'rest') {
      lines.push(`${s.bold(date)} · ${where}`);
      lines.push(info.reason === 'sunday' ? `${s.green('Rest day.')} Sunday never breaks the streak.` : `${s.green('Rest day:')} this date was replanned away.`);
    } else {
      lines.push(`${s.bold(date)} · ${where} · day ${info.dayOfPhase} (${info.dayOfPlan} of the plan)`);
      lines.push(`${s.bold(t.slot.title)}: ${t.slot.summary}`);
      if (t.material) {
        lines.push(`  ${s.bold(t.material.title)} · ${t.material.minutes} min · ${s.dim(t.material.file)}`);
        lines.push(`  ${s.cyan('roadmap open')} reads it${t.material.slot === 'theory' ? `; ${s.cyan('roadmap learn check')} records the self-check` : ''}`);
      }
      for (const task of t.tasks) lines.push(`  ${task.checked ? s.green('[x]') : '[ ]'} ${task.title} ${s.dim(task.id)}`);
      if (t.slot.slot === 'mini-project' && VERIFIED_PHASES.includes(info.phase)) {
        const n = info.phase;
        const stage = stageOf(t);
        if (stage) {
          lines.push(`  ${s.bold(`Stage ${stage.week}: ${stage.title}`)} ${s.dim(stage.id)}`);
          for (const line of wrapText(stage.build, Math.max(40, Math.min(deps.io.columns, 100) - 4))) lines.push(`    ${line}`);
          lines.push(`  ${s.cyan(`roadmap verify phase-${n} --stage ${stage.week}`)} checks it and the stages before it`);
        }
        lines.push(`  ${s.cyan(`roadmap verify phase-${n}`)} measures it · ${s.cyan(`roadmap run phase-${n}`)} shows it running · first time: ${s.cyan(`roadmap project init phase-${n}`)}`);
      }
      if (t.slot.boxes.length > 0) {
        lines.push('Time-boxes:');
        for (const b of t.slot.boxes) lines.push(`  ${String(b.minutes).padStart(3)} min  ${b.title}`);
      }
      const fraction = t.minutesDone / t.minutesTarget;
      const state = t.session
        ? t.session.state === 'paused'
          ? s.yellow('paused — `roadmap start` resumes')
          : s.green('running — `roadmap stop` ends it')
        : t.minutesLeft > 0
          ? `not running — ${s.cyan('roadmap start')}`
          : s.green('day complete');
      lines.push(`Today:  ${bar(fraction)} ${formatMinutes(t.minutesDone)} of ${t.minutesTarget} · ${state}`);
      if (t.frozenToday) lines.push(s.cyan('A streak freeze covers today.'));
    }
  }
  const risk = t.streak.atRisk ? s.yellow(' (study today to keep it)') : '';
  lines.push(`Streak: ${plural(t.streak.current, 'day')}${risk} · longest ${t.streak.longest}`);
  if (t.backlog.days > 0) lines.push(`Backlog: ${plural(t.backlog.days, 'missed study day')} — ${s.cyan('roadmap replan')} shifts the plan`);
  if (!t.hasProfile) lines.push(s.dim(`No profile yet: using the plan's own dates (${t.planStart} → ${t.planEnd}). \`roadmap init\` makes it yours.`));
  return lines.join('\n') + '\n';
}

export async function todayRun(deps: Deps, opts: TodayOptions): Promise<void> {
  const t = await getToday(deps, resolveDate(deps, opts.date));
  if (opts.json) writeJson(deps.io, todayJson(t));
  else deps.io.out(renderToday(deps, t));
}

export function makeTodayCommand(deps: Deps): Command {
  return new Command('today')
    .description("print today's study session: phase, week, slot and what to do, minutes, streak and backlog")
    .option('--date <date>', 'act as if today were this date (YYYY-MM-DD, yesterday, tomorrow)')
    .option('--json', 'print the session as JSON (keys: date, studyDay, slot, phase, week, minutesDone, minutesTarget, streak, backlog, ...)')
    .addHelpText('after', '\nExamples:\n  $ roadmap today\n  $ roadmap today --date 2025-06-12 --json | jq .slot')
    .action((opts: TodayOptions) => todayRun(deps, opts));
}
