import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Verification targets starting with this are runs of the shipped reference: kept for reports, never the
 * learner's progress. The one place that rule lives.
 */
const REFERENCE_TARGET = 'reference:%';

/** The seed's task checkboxes and the latest verdict of each acceptance criterion. */
export class CheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async checkedTasks(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('task_checks').select('task_id').execute();
    return new Set(rows.map((r) => r.task_id));
  }

  /** Checked tasks with when they were checked (ms), oldest first. */
  async taskChecks(): Promise<{ taskId: string; checkedAtMs: number }[]> {
    const rows = await this.db.selectFrom('task_checks').selectAll().orderBy('checked_at').execute();
    return rows.map((r) => ({ taskId: r.task_id, checkedAtMs: r.checked_at }));
  }

  /** Returns false when the task was already checked. */
  async check(taskId: string, nowMs: number): Promise<boolean> {
    const r = await this.db
      .insertInto('task_checks')
      .values({ task_id: taskId, checked_at: nowMs })
      .onConflict((oc) => oc.column('task_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Returns false when the task was not checked. */
  async uncheck(taskId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('task_checks').where('task_id', '=', taskId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Criteria whose most recent verification of the learner's own project passed. Runs against the shipped
   * reference (target `reference:...`) are kept for reports but are not the learner's progress.
   */
  async verifiedCriteria(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('criterion_results as r')
      .select(['r.criterion_id', 'r.passed'])
      .where('r.target', 'not like', REFERENCE_TARGET)
      .where(({ eb, selectFrom }) =>
        eb(
          'r.verified_at',
          '=',
          selectFrom('criterion_results as l')
            .select(({ fn }) => fn.max('l.verified_at').as('m'))
            .whereRef('l.criterion_id', '=', 'r.criterion_id')
            .where('l.target', 'not like', REFERENCE_TARGET),
        ),
      )
      .execute();
    return new Set(rows.filter((r) => r.passed === 1).map((r) => r.criterion_id));
  }

  /**
   * Records one `roadmap verify` in one transaction: the run (target, settings, stage), the verdict of each stage
   * it ran, and the criteria that count (`criteria`: the caller leaves out skipped ones and those a busy machine
   * made unreliable, so they never read as the learner's failure).
   */
  async recordVerifyRun(run: {
    id: string;
    phase: number;
    targetKind: string;
    targetDir: string;
    finishedAtMs: number;
    stage: number | null;
    full: boolean;
    settings: unknown;
    summary: string;
    reportFile: string | null;
    stages: readonly { stageId: string; verdict: string }[];
    criteria: readonly { criterionId: string; verdict: string; figures: unknown }[];
  }): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('verify_runs')
        .values({
          id: run.id,
          phase: run.phase,
          target_kind: run.targetKind,
          target_dir: run.targetDir,
          finished_at: run.finishedAtMs,
          stage: run.stage,
          full: run.full ? 1 : 0,
          settings_json: JSON.stringify(run.settings),
          summary: run.summary,
          report_file: run.reportFile,
        })
        .execute();
      for (const s of run.stages) {
        await tx.insertInto('stage_results').values({ run_id: run.id, stage_id: s.stageId, verdict: s.verdict, at: run.finishedAtMs }).execute();
      }
      for (const c of run.criteria) {
        await tx
          .insertInto('criterion_results')
          .values({
            criterion_id: c.criterionId,
            verified_at: run.finishedAtMs,
            passed: c.verdict === 'passed' ? 1 : 0,
            verdict: c.verdict,
            target: `${run.targetKind}:${run.targetDir}`,
            figures_json: JSON.stringify(c.figures),
            run_id: run.id,
          })
          .execute();
      }
    });
  }

  /** Stages the learner's own project has passed (never the reference's), with when each first passed. */
  async passedStages(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('stage_results as s')
      .innerJoin('verify_runs as r', 'r.id', 's.run_id')
      .select(['s.stage_id', ({ fn }) => fn.min('s.at').as('at')])
      .where('s.verdict', '=', 'passed')
      .where('r.target_kind', '!=', 'reference')
      .groupBy('s.stage_id')
      .execute();
    return new Map(rows.map((r) => [r.stage_id, Number(r.at)]));
  }

  /** Records one verification of a criterion: its verdict, the target it ran against and its figures (JSON). */
  async recordCriterion(row: { criterionId: string; verifiedAtMs: number; passed: boolean; target: string; figures: unknown }): Promise<void> {
    await this.db
      .insertInto('criterion_results')
      .values({ criterion_id: row.criterionId, verified_at: row.verifiedAtMs, passed: row.passed ? 1 : 0, target: row.target, figures_json: JSON.stringify(row.figures) })
      .execute();
  }

  /** Every verification of every criterion, oldest first (reports show the trend); `learnerOnly` leaves out the reference's runs. */
  async criterionHistory(options: { learnerOnly?: boolean } = {}): Promise<{ criterionId: string; verifiedAtMs: number; passed: boolean; target: string; figures: unknown }[]> {
    const rows = await this.db
      .selectFrom('criterion_results')
      .selectAll()
      .$if(options.learnerOnly === true, (q) => q.where('target', 'not like', REFERENCE_TARGET))
      .orderBy('verified_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ criterionId: r.criterion_id, verifiedAtMs: r.verified_at, passed: r.passed === 1, target: r.target, figures: JSON.parse(r.figures_json) as unknown }));
  }
}
