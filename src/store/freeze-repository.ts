import type { Kysely } from 'kysely';
import type { LocalDate } from '../core/local-date.js';
import type { Database } from './schema.js';

export class FreezeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<Set<LocalDate>> {
    const rows = await this.db.selectFrom('freezes').select('day').execute();
    return new Set(rows.map((r) => r.day));
  }

  async add(day: LocalDate, nowMs: number): Promise<void> {
    await this.db.insertInto('freezes').values({ day, created_at: nowMs }).execute();
  }
}
