import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DayInfo } from '../core/calendar.js';
import { buildHeatmap, defaultWindow, minutesPerWeek, type Heatmap, type WeekMinutes } from '../core/activity.js';
import type { FigureSummary } from '../core/criteria.js';
import { addDays, comingMonday, formatLongDate, mondayOf, type LocalDate } from '../core/local-date.js';
import { dayMinutes, type PhaseProgress } from '../core/progress.js';
import { weeklyReview, type WeeklyReview } from '../core/review.js';
import { computeStreak } from '../core/streak.js';
import { loadContext } from '../coach/context.js';
import { katasAsOf, statusOf } from '../coach/status.js';
import { requirePhase } from '../coach/tasks.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { localDateOf } from '../system/clock.js';
import { VERIFIED_PHASES } from '../verify/phases.js';

/** One verification run of a criterion against the learner's own project. */
export interface CriterionRunReport {
  readonly at: string;
  readonly passed: boolean;
  readonly figures: readonly FigureSummary[];
}

export interface CriterionReport {
  readonly id: string;
  readonly title: string;
  readonly phase: number;
  /** Runs of the learner's own project, oldest first (reference runs are not the learner's). */
  readonly runs: readonly CriterionRunReport[];
  readonly verified: boolean;
}

export interface PhaseReport extends PhaseProgress {
  readonly miniProject: string;
  readonly katas: { readonly passed: number; readonly started: number; readonly total: number; readonly attempts: number };
  /** Saturday stages the learner's own project has passed in `roadmap verify`, of the phase's stages. */
  readonly stages: { readonly passed: number; readonly total: number };
  readonly criteriaDetail: readonly CriterionReport[];
  /** reports/phase-N/latest.{md,json} in the workspace: the learner's own latest full verify, when there is one. */
  readonly reportFiles: { readonly md: string; readonly json: string } | null;
  /** `roadmap verify phase-N` exists for this phase (the others' criteria are not measured yet). */
  readonly verifiable: boolean;
}

export interface ReportData {
  readonly generatedAt: string;
  readonly today: LocalDate;
  /** The window of the activity charts. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly phaseFilter: number | null;
  readonly planTitle: string;
  readonly position: string;
  /** `projectedEnd`: the end if every study day from `today` on is done (core/projection.ts, as `status` and `replan`). */
  readonly plan: { readonly start: LocalDate; readonly plannedEnd: LocalDate; readonly projectedEnd: LocalDate; readonly pace: number | null; readonly studyDaysDone: number; readonly studyDaysTotal: number };
  readonly streak: { readonly current: number; readonly longest: number; readonly atRisk: boolean };
  readonly backlogDays: number;
  readonly dailyTarget: number;
  readonly totalMinutes: number;
  readonly heatmap: Heatmap;
  readonly weeks: readonly WeekMinutes[];
  readonly phases: readonly PhaseReport[];
  readonly cards: {
    readonly dueToday: number;
    readonly forecast: readonly { readonly date: LocalDate; readonly due: number }[];
    readonly trueRetention: number | null;
    readonly retentionReviews: number;
    readonly total: number;
    readonly byState: { readonly new: number; readonly learning: number; readonly review: number; readonly relearning: number };
    readonly retentionByWeek: readonly { readonly monday: LocalDate; readonly reviews: number; readonly retention: number | null }[];
    /** Reviews of any card up to the report's day (0: the learner has not drilled yet). */
    readonly reviews: number;
  };
  readonly review: WeeklyReview;
  /** No session, review, kata or verification yet: the renderers greet instead of charting zeros. */
  readonly empty: boolean;
}

export interface ReportOptions {
  readonly today: LocalDate;
  readonly since?: LocalDate;
  readonly phase?: number;
}

function positionText(info: DayInfo, totalDays: number): string {
  if (info.kind === 'study') return `phase ${info.phase}, week ${info.week}, study day ${info.dayOfPlan} of ${totalDays}`;
  if (info.kind === 'rest') return `phase ${info.phase}, week ${info.week} (rest day)`;
  if (info.kind === 'not-started') return `the plan starts ${formatLongDate(info.startsOn)}`;
  // "Finished" would claim the work is done: only the dates are over (the study days done are beside it).
  return `the plan's dates ended ${formatLongDate(info.endedOn)}`;
}

/**
 * Gathers everything the progress report shows from the store and the plan, once, so every format (terminal,
 * Markdown, HTML, JSON) renders the same figures: position, streak, heatmap, minutes per week, katas, cards
 * (forecast and true retention per week), verified criteria with their figures over time, and the weekly review.
 */
export async function buildReportData(deps: Deps, options: ReportOptions): Promise<ReportData> {
  const { today } = options;
  const ctx = await loadContext(deps, today);
  const status = await statusOf(deps, ctx);
  if (options.phase !== undefined) requirePhase(ctx.plan, options.phase);
  if (options.since && options.since > today) throw new UsageError(`--since ${options.since} is after the report's day (${today})`);
  const { store, plan, calendar } = ctx;
  const nowMs = ctx.nowMs;
  const { cardStats } = await import('../drill/drill-engine.js');
  const [cards, allLogs, allRuns, allKatas, allTaskChecks] = await Promise.all([
    cardStats(deps, today),
    store.cards.logs(),
    store.checks.criterionHistory({ learnerOnly: true }),
    store.katas.records(),
    store.checks.taskChecks(),
  ]);
  // As of `today`: nothing recorded after it counts (ctx.history is already cut there).
  const logs = allLogs.filter((l) => l.day <= today);
  const learnerRuns = allRuns.filter((r) => r.verifiedAtMs <= ctx.asOfMs);
  const kataRecords = katasAsOf(allKatas, ctx.asOfMs);
  const taskChecks = allTaskChecks.filter((t) => t.checkedAtMs <= ctx.asOfMs);

  const perDay = dayMinutes(ctx.history, nowMs);
  const done = new Set([...perDay.values()].filter((d) => d.completed).map((d) => d.day));
  const streak = computeStreak({ today, completed: done, frozen: ctx.history.frozen });
  const phaseSpan = options.phase !== undefined ? calendar.phases[options.phase - 1]! : null;
  let from = options.since ?? (phaseSpan ? phaseSpan.start : defaultWindow(today, calendar.start));
  let to = today;
  if (phaseSpan && !options.since) to = phaseSpan.end < today ? phaseSpan.end : today;
  if (from > to) from = mondayOf(to);
  const inWindow = new Map([...perDay].filter(([d]) => d >= from && d <= to));

  const weeks = minutesPerWeek(inWindow, from, to, ctx.minutesTarget);
  const retentionByWeek = weeks.map((w) => {
    const sunday = addDays(w.monday, 6);
    // "True retention" as Anki computes it: reviews of cards in the Review state not answered Again.
    const mature = logs.filter((l) => l.day >= w.monday && l.day <= sunday && l.day >= from && l.day <= to && l.state === 2);
    return { monday: w.monday, reviews: mature.length, retention: mature.length ? mature.filter((l) => l.rating !== 1).length / mature.length : null };
  });

  const phases: PhaseReport[] = status.phases
    .filter((p) => options.phase === undefined || p.number === options.phase)
    .map((p) => {
      const planPhase = plan.phases.find((x) => x.number === p.number)!;
      const k = status.katas.find((x) => x.phase === p.number)!;
      const st = status.stages.find((x) => x.phase === p.number)!;
      const criteriaDetail = planPhase.criteria.map((c): CriterionReport => {
        const runs = learnerRuns.filter((h) => h.criterionId === c.id).map((h) => ({ at: new Date(h.verifiedAtMs).toISOString(), passed: h.passed, figures: h.figures as FigureSummary[] }));
        return { id: c.id, title: c.title, phase: p.number, runs, verified: runs.at(-1)?.passed ?? false };
      });
      // The learner's own latest full run (verify never writes latest for the reference or a smaller run).
      const base = join(ctx.workspace, 'reports', `phase-${p.number}`, 'latest');
      const reportFiles = existsSync(`${base}.md`) && existsSync(`${base}.json`) ? { md: `${base}.md`, json: `${base}.json` } : null;
      return { ...p, miniProject: planPhase.miniProject, katas: { passed: k.passed, started: k.started, total: k.total, attempts: k.attempts }, stages: { passed: st.passed, total: st.total }, criteriaDetail, reportFiles, verifiable: VERIFIED_PHASES.includes(p.number) };
    });

  const monday = mondayOf(today);
  const sunday = addDays(monday, 6);
  const weekMinutes = [...perDay.values()].filter((d) => d.day >= monday && d.day <= sunday).reduce((a, d) => a + d.minutes, 0);
  const currentPhase = status.info.kind === 'study' || status.info.kind === 'rest' ? status.info.phase : null;
  const reachedPhases = new Set(status.phases.filter((p) => p.start <= today).map((p) => p.number));
  const inWeek = (ms: number): boolean => {
    const d = localDateOf(new Date(ms));
    return d >= monday && d <= sunday;
  };
  const review = weeklyReview({
    today,
    monday,
    sunday,
    plannedDays: calendar.days.filter((d) => d >= monday && d <= sunday),
    completed: done,
    minutesThisWeek: weekMinutes,
    dailyTarget: ctx.minutesTarget,
    backlogDays: status.backlog.days,
    phase: currentPhase,
    cards: { dueToday: cards.dueToday, trueRetention: cards.trueRetention, retentionReviews: cards.retentionReviews, newPerDay: cards.settings.newPerDay },
    reviewsThisWeek: logs.filter((l) => l.day >= monday && l.day <= sunday).length,
    katasPassedThisWeek: [...kataRecords.values()].filter((r) => r.first_passed_at !== null && inWeek(r.first_passed_at)).map((r) => r.kata_id),
    katasStuck: [...kataRecords.values()].filter((r) => r.first_passed_at === null && r.attempts > 0).map((r) => ({ id: r.kata_id, attempts: r.attempts })),
    tasksCheckedThisWeek: taskChecks.filter((t) => inWeek(t.checkedAtMs)).map((t) => t.taskId),
    criteriaFailing: status.phases
      .filter((p) => reachedPhases.has(p.number))
      .flatMap((p) => plan.phases.find((x) => x.number === p.number)!.criteria.map((c) => ({ c, phase: p.number })))
      .flatMap(({ c, phase }) => {
        const last = learnerRuns.filter((h) => h.criterionId === c.id).at(-1);
        return last && !last.passed ? [{ id: c.id, phase, reason: 'its latest verify run failed (see the report for the figures).' }] : [];
      }),
    streak: { current: streak.current, atRisk: streak.atRisk },
    plan: {
      ended: status.info.kind === 'finished',
      startsOn: status.info.kind === 'not-started' ? status.info.startsOn : null,
      remaining: status.totals.total - status.totals.done,
      total: status.totals.total,
      newRunStart: comingMonday(today),
    },
  });

  return {
    generatedAt: deps.clock.now().toISOString(),
    today,
    from,
    to,
    phaseFilter: options.phase ?? null,
    planTitle: plan.title,
    position: positionText(status.info, calendar.days.length),
    plan: { start: calendar.start, plannedEnd: status.plannedEnd, projectedEnd: status.projectedEnd, pace: status.pace, studyDaysDone: status.totals.done, studyDaysTotal: status.totals.total },
    streak: { current: streak.current, longest: streak.longest, atRisk: streak.atRisk },
    backlogDays: status.backlog.days,
    dailyTarget: ctx.minutesTarget,
    totalMinutes: Math.round([...inWindow.values()].reduce((a, d) => a + d.minutes, 0)),
    heatmap: buildHeatmap(inWindow, from, to, ctx.minutesTarget),
    weeks,
    phases,
    cards: { dueToday: cards.dueToday, forecast: cards.forecast, trueRetention: cards.trueRetention, retentionReviews: cards.retentionReviews, total: cards.total, byState: cards.byState, retentionByWeek, reviews: logs.length },
    review,
    empty: perDay.size === 0 && logs.length === 0 && kataRecords.size === 0 && learnerRuns.length === 0,
  };
}
