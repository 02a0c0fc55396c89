import type { Kysely } from 'kysely';
import type { LocalDate } from '../core/local-date.js';
import type { Database } from './schema.js';

export interface Profile {
  /** Plan anchor; null keeps the seed's own dates. */
  readonly startDate: LocalDate | null;
  readonly workspace: string;
  readonly minutesTarget: number;
  readonly freezesPerMonth: number;
  readonly trackedFrom: LocalDate;
  readonly createdAt: number;
}

export class ProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(): Promise<Profile | null> {
    const row = await this.db.selectFrom('profile').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) return null;
    return {
      startDate: row.start_date,
      workspace: row.workspace,
      minutesTarget: row.minutes_target,
      freezesPerMonth: row.freezes_per_month,
      trackedFrom: row.tracked_from,
      createdAt: row.created_at,
    };
  }

  async save(profile: Profile, nowMs: number): Promise<void> {
    const values = {
      id: 1,
      start_date: profile.startDate,
      workspace: profile.workspace,
      minutes_target: profile.minutesTarget,
      freezes_per_month: profile.freezesPerMonth,
      tracked_from: profile.trackedFrom,
      created_at: profile.createdAt,
      updated_at: nowMs,
    };
    await this.db
      .insertInto('profile')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, created_at: undefined }))
      .execute();
  }
}
