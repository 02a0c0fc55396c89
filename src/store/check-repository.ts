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
