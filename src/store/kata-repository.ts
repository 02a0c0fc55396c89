import type { Kysely, Selectable } from 'kysely';
import type { Database, KataProgressTable } from './schema.js';

export type KataProgressRow = Selectable<KataProgressTable>;

export interface KataRecord extends KataProgressRow {
  readonly attempts: number;
  readonly passes: number;
  readonly lastPassed: boolean | null;
}

/** Kata progress and check history: every check is committed as it finishes. */
export class KataRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async records(): Promise<Map<string, KataRecord>> {
    const [rows, checks] = await Promise.all([
      this.db.selectFrom('kata_progress').selectAll().execute(),
      this.db.selectFrom('kata_checks').select(['kata_id', 'passed']).orderBy('at').orderBy('id').execute(),
    ]);
    const out = new Map<string, KataRecord>();
    for (const r of rows) {
      const mine = checks.filter((c) => c.kata_id === r.kata_id);
      out.set(r.kata_id, { ...r, attempts: mine.length, passes: mine.filter((c) => c.passed === 1).length, lastPassed: mine.length ? mine.at(-1)!.passed === 1 : null });
    }
    return out;
  }

  /** Marks a kata started (keeps the first start time when it is started again). */
  async start(kataId: string, nowMs: number): Promise<void> {
    await this.db.insertInto('kata_progress').values({ kata_id: kataId, started_at: nowMs }).onConflict((oc) => oc.column('kata_id').doNothing()).execute();
  }

  async recordCheck(kataId: string, nowMs: number, passed: boolean, failedTests: number, durationMs: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('kata_progress').values({ kata_id: kataId, started_at: nowMs }).onConflict((oc) => oc.column('kata_id').doNothing()).execute();
      await tx.insertInto('kata_checks').values({ kata_id: kataId, at: nowMs, passed: passed ? 1 : 0, failed_tests: failedTests, duration_ms: durationMs }).execute();
      if (passed) await tx.updateTable('kata_progress').set({ first_passed_at: nowMs }).where('kata_id', '=', kataId).where('first_passed_at', 'is', null).execute();
    });
  }

  async revealHint(kataId: string, nowMs: number): Promise<number> {
    await this.start(kataId, nowMs);
    const row = await this.db.updateTable('kata_progress').set((eb) => ({ hints_revealed: eb('hints_revealed', '+', 1) })).where('kata_id', '=', kataId).returning('hints_revealed').executeTakeFirstOrThrow();
    return row.hints_revealed;
  }

  async viewSolution(kataId: string, forced: boolean, nowMs: number): Promise<void> {
    await this.start(kataId, nowMs);
    await this.db.updateTable('kata_progress').set({ solution_viewed: 1, ...(forced ? { solution_forced: 1 } : {}) }).where('kata_id', '=', kataId).execute();
  }
}
