import { findPhase, type Phase, type SlotSpec, type TimeBox } from '../core/plan.js';
import { computeToday, type TodayView } from '../core/progress.js';
import type { LocalDate } from '../core/local-date.js';
import { weekdayOf } from '../core/local-date.js';
import { materialForDay, type Material } from '../content/material.js';
import type { Deps } from '../deps.js';
import { loadContext } from './context.js';

export interface Today extends TodayView {
  readonly phase: Pick<Phase, 'number' | 'title' | 'focus' | 'miniProject' | 'goal' | 'stages'> | null;
  readonly slot: SlotSpec & { readonly boxes: readonly TimeBox[] };
  readonly hasProfile: boolean;
  readonly planStart: LocalDate;
  readonly planEnd: LocalDate;
  /** Monday–Wednesday: the week's document for this slot. */
  readonly material: Material | null;
  /** Study days in today's phase and in the whole plan (for progress bars). */
  readonly phaseStudyDays: number | null;
  readonly planStudyDays: number;
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

/** Today's session: the plan position, what this slot is for, minutes done and left, streak and backlog. */
export async function getToday(deps: Deps, date: LocalDate): Promise<Today> {
  const ctx = await loadContext(deps, date);
  const view = computeToday(ctx.plan, ctx.calendar, ctx.history, date, ctx.nowMs, ctx.minutesTarget);
  // Before the start, the phase to come is phase 1; after the end there is none.
  const phaseNumber = view.info.kind === 'study' || view.info.kind === 'rest' ? view.info.phase : view.info.kind === 'not-started' ? 1 : null;
  const phase = phaseNumber === null ? null : findPhase(ctx.plan, phaseNumber) ?? null;
  const spec = ctx.plan.week[weekdayOf(date)];
  const slot = view.info.kind === 'study' ? spec : ctx.plan.week.sun;
  return {
    ...view,
    phase: phase && { number: phase.number, title: phase.title, focus: phase.focus, miniProject: phase.miniProject, goal: phase.goal, stages: phase.stages },
    slot: { ...slot, boxes: scaleBoxes(slot.boxes, ctx.minutesTarget) },
    hasProfile: ctx.profile !== null,
    planStart: ctx.calendar.start,
    planEnd: ctx.calendar.end,
    material: materialForDay(deps.paths.packageRoot, view.info),
    phaseStudyDays: phase ? ctx.calendar.phases[phase.number - 1]!.studyDays : null,
    planStudyDays: ctx.calendar.days.length,
  };
}
