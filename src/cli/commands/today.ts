import { Command } from 'commander';
import { formatLongDate } from '../../core/local-date.js';
import { resolveDate } from '../../coach/dates.js';
import { stopSession } from '../../coach/session.js';
import { getToday, minutesToGo, type Today } from '../../coach/today.js';
import type { Deps } from '../../deps.js';
import { bar, formatMinutes, plural, styleFor, table, writeJson } from '../output.js';
import { runawayMinutes } from './start.js';

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
    session: t.session && {
      state: t.session.state,
      startedAt: new Date(t.session.startedAt).toISOString(),
      day: t.session.day,
      minutes: Math.round(t.session.minutes * 10) / 10,
      // A timer left running: counted at its target until it is logged (`roadmap stop --minutes N`).
      runaway: t.session.runaway && { ranMinutes: Math.round(t.session.runaway.ranMinutes), countedMinutes: t.session.runaway.countedMinutes },
    },
    streak: t.streak.current,
    longestStreak: t.streak.longest,
    streakAtRisk: t.streak.atRisk,
    frozen: t.frozenToday,
    backlog: t.backlog.days,
    backlogDates: t.backlog.dates,
    planStart: t.planStart,
    planEnd: t.planEnd,
    projectedEnd: t.projection.projectedEnd,
    next: t.next,
    profile: t.hasProfile,
    stage: t.stage && { id: t.stage.id, week: t.stage.week, title: t.stage.title, build: t.stage.build, command: `roadmap verify phase-${t.phase!.number} --stage ${t.stage.week}` },
    material: t.material && { slot: t.material.slot, title: t.material.title, minutes: t.material.minutes, path: t.material.path, ...(t.material.codeDir ? { codeDir: t.material.codeDir } : {}) },
  };
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

/** The "Next" lines: the command, then what it is for (coach/today.ts words them for the CLI and the TUI). */
export function nextLines(deps: Deps, t: Today): string[] {
  if (t.next.length === 0) return [];
  const s = styleFor(deps.io);
  return [s.bold('Next:'), ...table(t.next.map((n) => [n.command ? s.cyan(n.command) : '', n.text])).split('\n').map((l) => `  ${l}`)];
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
    const p = t.projection;
    lines.push(`${s.bold(date)} · the plan ended ${formatLongDate(info.endedOn)} · ${p.done} of ${plural(p.total, 'study day')} done.`);
  } else {
    const where = `Phase ${t.phase!.number} — ${t.phase!.title} · week ${info.week}`;
    if (info.kind === 'rest') {
      lines.push(`${s.bold(date)} · ${where}`);
      lines.push(info.reason === 'sunday' ? `${s.green('Rest day.')} Sunday never breaks the streak.` : `${s.green('Rest day:')} this date was replanned away.`);
    } else {
      lines.push(`${s.bold(date)} · ${where} · day ${info.dayOfPhase} (${info.dayOfPlan} of the plan)`);
      lines.push(`${s.bold(t.slot.title)}: ${t.slot.summary}`);
      if (t.material) lines.push(`  ${s.bold(t.material.title)} · ${t.material.minutes} min · ${s.dim(t.material.file)}`);
      for (const task of t.tasks) lines.push(`  ${task.checked ? s.green('[x]') : '[ ]'} ${task.title} ${s.dim(task.id)}`);
      const stage = t.stage;
      if (stage) {
        // This Saturday's stage: what to build; the Next lines name the command that checks it.
        lines.push(`  ${s.bold(`Stage ${stage.week}: ${stage.title}`)} ${s.dim(stage.id)}`);
        for (const line of wrapText(stage.build, Math.max(40, Math.min(deps.io.columns, 100) - 4))) lines.push(`    ${line}`);
      }
      if (t.slot.boxes.length > 0) {
        lines.push('Time-boxes:');
        for (const b of t.slot.boxes) lines.push(`  ${String(b.minutes).padStart(3)} min  ${b.title}`);
      }
      const fraction = t.minutesDone / t.minutesTarget;
      const mine = t.session && t.session.day === t.date ? t.session : null;
      const state = mine
        ? mine.runaway
          ? s.yellow('running since long ago — see Next')
          : mine.state === 'paused'
            ? s.yellow('paused — `roadmap start` resumes')
            : s.green('running — `roadmap stop` ends it')
        : minutesToGo(t.minutesTarget, t.minutesDone) > 0
          ? `not running — ${s.cyan('roadmap start')}`
          : s.green('day complete');
      lines.push(`Today:  ${bar(fraction)} ${formatMinutes(t.minutesDone)} of ${t.minutesTarget} · ${state}`);
      if (t.frozenToday) lines.push(s.cyan('A streak freeze covers today.'));
    }
  }
  const risk = t.streak.atRisk ? s.yellow(' (study today to keep it)') : '';
  lines.push(`Streak: ${plural(t.streak.current, 'day')}${risk} · longest ${t.streak.longest}`);
  const p = t.projection;
  if (info.kind !== 'finished' && p.projectedEnd !== p.plannedEnd) {
    lines.push(`Plan:   ends ${formatLongDate(p.plannedEnd)}; with ${plural(p.backlog.days, 'missed study day')} ${formatLongDate(p.projectedEnd)}`);
  }
  lines.push(...nextLines(deps, t));
  if (!t.hasProfile) lines.push(s.dim(`No profile yet: using the plan's own dates (${t.planStart} → ${t.planEnd}). \`roadmap init\` makes it yours.`));
  return lines.join('\n') + '\n';
}

export async function todayRun(deps: Deps, opts: TodayOptions): Promise<void> {
  const date = resolveDate(deps, opts.date);
  let t = await getToday(deps, date, { details: true });
  const forgotten = t.session?.runaway;
  // A timer left running: on a terminal, ask what to log now; otherwise show it counted at the target and say how to log it.
  if (forgotten && deps.io.isTTY && !opts.json) {
    const { minutes } = await runawayMinutes(deps, forgotten, opts.json);
    const r = await stopSession(deps, { minutes });
    deps.io.err(`Logged ${formatMinutes(r.minutes)} for ${formatLongDate(r.session.day)}.\n`);
    t = await getToday(deps, date, { details: true });
  } else if (forgotten && opts.json) {
    deps.io.err(`roadmap: the timer of ${formatLongDate(forgotten.day)} was left running: it counts as ${forgotten.countedMinutes} min, the day's target, until you log your own figure with \`roadmap stop --minutes N\`.\n`);
  }
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
