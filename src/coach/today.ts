import { comingMonday, formatDuration, formatLongDate, monthOf, weekdayOf, type LocalDate } from '../core/local-date.js';
import { nextSteps, type NextStep } from '../core/next-step.js';
import { findPhase, type Phase, type SlotSpec, type Stage, type TimeBox } from '../core/plan.js';
import { computeToday, doneDays, type TodayView } from '../core/progress.js';
import { materialForDay, type Material } from '../content/material.js';
import { formatMinutes, plural } from '../cli/output.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';

/** One line under "Next": what to do and the command that does it (null when there is none to run). */
export interface NextStepLine {
  readonly rule: NextStep['rule'];
  readonly text: string;
  readonly command: string | null;
}

export interface Today extends TodayView {
  readonly phase: Pick<Phase, 'number' | 'title' | 'focus' | 'miniProject' | 'goal'> | null;
  /** Saturday: this week's stage of the phase's mini-project (null on other days, or when the phase has none). */
  readonly stage: Stage | null;
  readonly slot: SlotSpec & { readonly boxes: readonly TimeBox[] };
  readonly hasProfile: boolean;
  readonly planStart: LocalDate;
  readonly planEnd: LocalDate;
  /** Monday–Wednesday: the week's document for this slot. */
  readonly material: Material | null;
  /** Study days in today's phase and in the whole plan (for progress bars). */
  readonly phaseStudyDays: number | null;
  readonly planStudyDays: number;
  /** What to do next, most urgent first (core/next-step.ts): the CLI and the TUI show the same lines. */
  readonly next: readonly NextStepLine[];
}

/** Splits the daily target over a slot's time-boxes in proportion to the plan's 30-minute split. */
export function scaleBoxes(boxes: readonly TimeBox[], target: number): TimeBox[] {
  const total = boxes.reduce((a, b) => a + b.minutes, 0);
  if (total === 0) return [];
  let given = 0;
  return boxes.map((b, i) => {
    const minutes = i === boxes.length - 1 ? target - given : Math.max(1, Math.round((b.minutes / total) * target));
    given += minutes;
    return { title: b.title, minutes };
  });
}

/** Minutes still to study, rounded up: "12 min done, 18 min to go" adds up to the target. */
export function minutesToGo(target: number, done: number): number {
  return Math.max(0, target - Math.floor(done + 1e-9));
}

/** The words and the command of a next step. */
export function describeStep(step: NextStep, target: number): NextStepLine {
  const line = (text: string, command: string | null): NextStepLine => ({ rule: step.rule, text, command });
  switch (step.rule) {
    case 'runaway': {
      const r = step.runaway;
      return line(
        `the timer of ${formatLongDate(r.day)} has run ${formatDuration(r.ranMinutes)} with nothing recorded for ${formatDuration(step.idleMinutes)}: it counts as ${r.countedMinutes} min (the day's target) until you log what you studied`,
        `roadmap stop --minutes ${r.countedMinutes}`,
      );
    }
    case 'open-session':
      return line(`the session of ${formatLongDate(step.day)} is still open (${formatMinutes(step.minutes)}): stop logs it for that day`, 'roadmap stop');
    case 'freeze':
      return line(
        `${step.yesterday ? 'yesterday' : formatLongDate(step.day)} was a missed study day: a streak freeze keeps your ${step.streakSaved}-day streak (${plural(step.freezesLeft, 'freeze')} left for ${monthOf(step.day)})`,
        `roadmap freeze --date ${step.yesterday ? 'yesterday' : step.day}`,
      );
    case 'start':
      return line(step.resume ? `resume the paused timer: ${step.minutesLeft} min to go` : `start the timer: ${step.minutesLeft} min to go`, 'roadmap start');
    case 'material': {
      const what = { theory: 'read', 'code-along': 'code along with', docs: 'read the docs:' }[step.slot];
      return line(step.title ? `${what} ${step.title} (${step.minutes} min)` : `${what} this week's ${step.slot} note`, 'roadmap open');
    }
    case 'self-check':
      return line("then answer the week's self-check questions", 'roadmap learn check');
    case 'kata':
      if (step.kata === undefined) return line(`start the next kata of phase ${step.phase}`, 'roadmap kata next');
      return step.kata
        ? line(`${step.kata.id} — ${step.kata.title}`, 'roadmap kata next')
        : line(`every kata from phase ${step.phase} on is passed: pick one to do again`, 'roadmap kata');
    case 'drill': {
      const c = step.cards;
      if (!c) return line("review today's due cards", 'roadmap drill');
      const due = c.reviews + c.learning;
      if (due === 0 && c.fresh === 0) return line('no cards due and no new ones today', null);
      const text = due > 0 ? `${plural(due, 'card')} due today${c.fresh ? `, then ${plural(c.fresh, 'new card')}` : ''}` : `no reviews due: ${plural(c.fresh, 'new card')} to learn today`;
      return line(text, 'roadmap drill');
    }
    case 'notes':
      return line("then write the week's wiki note in your own words", 'roadmap notes');
    case 'verify':
      return step.stage
        ? line(`stage ${step.stage.week}: ${step.stage.title}${step.stage.week === 1 ? ` (first: roadmap project init phase-${step.phase})` : ''}`, `roadmap verify phase-${step.phase} --stage ${step.stage.week}`)
        : line(`measure your ${step.miniProject} against the phase's criteria (first time: roadmap project init phase-${step.phase})`, `roadmap verify phase-${step.phase}`);
    case 'mini-project':
      return line(`work on the mini-project: ${step.miniProject}`, null);
    case 'day-complete':
      return line(`day complete (${formatMinutes(step.minutes)} of ${target}): the streak goes on`, null);
    case 'not-started':
      return step.hasProfile
        ? line(`your plan starts ${formatLongDate(step.startsOn)}, in ${plural(step.daysToGo, 'day')}; to begin today instead`, 'roadmap init --start today --force')
        : line('make the plan yours: it starts on the coming Monday', 'roadmap init');
    case 'finished-replan':
      return line(`the plan's dates are past with ${step.remaining} of ${step.total} study days to do: replan lays them from today (ends ${formatLongDate(step.newEnd)})`, 'roadmap replan');
    case 'new-run':
      return step.hasProfile
        ? line(`start a new run of the plan on ${formatLongDate(step.start)} (your history is kept)`, `roadmap init --start ${step.start} --force`)
        : line(`start your own run of the plan: it begins ${formatLongDate(step.start)}`, 'roadmap init');
    case 'plan-complete':
      return line('every study day of the plan is done: your portfolio', 'roadmap report --format html --open');
    case 'replan':
      return line(`${plural(step.days, 'missed study day')}: replan shifts the plan past ${step.days === 1 ? 'it' : 'them'} (ends ${formatLongDate(step.newEnd)} instead of ${formatLongDate(step.plannedEnd)})`, 'roadmap replan');
  }
}

export interface TodayOptions {
  /**
   * Name Thursday's next kata and count Friday's cards in the next steps. They read every kata manifest or
   * deck, so the TUI, which polls `getToday` for its timer, asks for them only now and then.
   * @default false
   */
  readonly details?: boolean;
}

/** Today's session: the plan position, what this slot is for, minutes done and left, streak, backlog, next steps. */
export async function getToday(deps: Deps, date: LocalDate, options: TodayOptions = {}): Promise<Today> {
  const ctx = await loadContext(deps, date);
  const view = computeToday(ctx.plan, ctx.calendar, ctx.history, date, ctx.nowMs, ctx.minutesTarget);
  // Before the start, the phase to come is phase 1; after the end there is none.
  const phaseNumber = view.info.kind === 'study' || view.info.kind === 'rest' ? view.info.phase : view.info.kind === 'not-started' ? 1 : null;
  const phase = phaseNumber === null ? null : findPhase(ctx.plan, phaseNumber) ?? null;
  const spec = ctx.plan.week[weekdayOf(date)];
  const slot = view.info.kind === 'study' ? spec : ctx.plan.week.sun;
  const material = materialForDay(deps.paths.packageRoot, view.info);
  const studying = options.details === true && view.info.kind === 'study' && view.minutesLeft > 0;
  // Thursday's and Friday's steps name the kata and the cards: read only on those days, `today` stays fast.
  const kata =
    studying && view.info.kind === 'study' && view.info.slot === 'katas'
      ? await import('../katas/kata-engine.js').then(async (m) => (await m.nextKata(deps, date))?.kata ?? null)
      : undefined;
  const cards =
    studying && view.info.kind === 'study' && view.info.slot === 'flashcards'
      ? await import('../drill/drill-engine.js').then(async (m) => {
          const q = await m.todayQueue(deps, date);
          return { reviews: q.review, learning: q.learning, fresh: q.new };
        })
      : undefined;
  const { VERIFIED_PHASES } = await import('../verify/phases.js');
  const info = view.info;
  const stage = info.kind === 'study' && info.slot === 'mini-project' && phase ? (phase.stages.find((st) => st.week === info.week) ?? null) : null;
  const steps = nextSteps({
    today: date,
    nowMs: ctx.nowMs,
    info: view.info,
    minutesDone: view.minutesDone,
    minutesLeft: minutesToGo(view.minutesTarget, view.minutesDone),
    session: view.session,
    streak: view.streak,
    completed: doneDays(ctx.history, ctx.nowMs),
    frozen: ctx.history.frozen,
    freezesPerMonth: ctx.freezesPerMonth,
    projection: view.projection,
    hasProfile: ctx.profile !== null,
    newRunStart: comingMonday(date),
    material: material && { title: material.title, minutes: material.minutes },
    kata: kata && { id: kata.id, title: kata.title },
    cards,
    verifiable: phase !== null && VERIFIED_PHASES.includes(phase.number),
    stage,
    miniProject: phase?.miniProject ?? null,
  });
  return {
    ...view,
    phase: phase && { number: phase.number, title: phase.title, focus: phase.focus, miniProject: phase.miniProject, goal: phase.goal },
    stage,
    slot: { ...slot, boxes: scaleBoxes(slot.boxes, ctx.minutesTarget) },
    hasProfile: ctx.profile !== null,
    planStart: ctx.calendar.start,
    planEnd: ctx.calendar.end,
    material,
    phaseStudyDays: phase ? ctx.calendar.phases[phase.number - 1]!.studyDays : null,
    planStudyDays: ctx.calendar.days.length,
    next: steps.map((s) => describeStep(s, ctx.minutesTarget)),
  };
}
