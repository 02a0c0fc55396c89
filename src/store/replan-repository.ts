import type { Kysely } from 'kysely';
import type { LocalDate } from '../core/local-date.js';
import type { Database } from './schema.js';

/** Dates taken out of the plan by `roadmap replan`. */
export class ReplanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async excluded(): Promise<LocalDate[]> {
    const rows = await this.db.selectFrom('replanned_days').select('day').orderBy('day').execute();
    return rows.map((r) => r.day);
  }

  async add(days: readonly LocalDate[], nowMs: number): Promise<void> {
    if (days.length === 0) return;
    await this.db
      .insertInto('replanned_days')
      .values(days.map((day) => ({ day, replanned_at: nowMs })))
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('replanned_days').execute();
  }
}
