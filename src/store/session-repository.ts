import type { Kysely, Selectable } from 'kysely';
import type { LocalDate } from '../core/local-date.js';
import type { SessionRecord } from '../core/session.js';
import { immediate } from './immediate.js';
import type { Database, SessionTable } from './schema.js';

function toRecord(row: Selectable<SessionTable>): SessionRecord {
  return {
    id: row.id,
    day: row.day,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    pausedAt: row.paused_at,
    pausedMs: row.paused_ms,
    targetMinutes: row.target_minutes,
  };
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly session: SessionRecord; readonly closedStale: SessionRecord | null }
  | { readonly kind: 'resumed'; readonly session: SessionRecord }
  | { readonly kind: 'already-running'; readonly session: SessionRecord };

async function findOpen(db: Kysely<Database>): Promise<SessionRecord | null> {
  const row = await db.selectFrom('sessions').selectAll().where('ended_at', 'is', null).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Closing folds a pause that is still running into paused_ms, so the minutes stop at the pause. */
async function close(db: Kysely<Database>, s: SessionRecord, nowMs: number): Promise<SessionRecord> {
  const pausedMs = s.pausedMs + (s.pausedAt !== null ? Math.max(0, nowMs - s.pausedAt) : 0);
  const row = await db
    .updateTable('sessions')
    .set({ ended_at: nowMs, paused_at: null, paused_ms: pausedMs })
    .where('id', '=', s.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/**
 * Study sessions. The open session (at most one, enforced by a unique index) is the timer's truth: its start
 * time is on disk, so a crash, a restart or a second terminal picks it up instead of starting again.
 */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<SessionRecord[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().orderBy('started_at').execute();
    return rows.map(toRecord);
  }

  async open(): Promise<SessionRecord | null> {
    return findOpen(this.db);
  }

  /** Starts today's session, or resumes the open one; an open session of an earlier day is closed first. */
  async start(day: LocalDate, nowMs: number, targetMinutes: number): Promise<StartOutcome> {
    return immediate(this.db, async (tx) => {
      const open = await findOpen(tx);
      if (open && open.day === day) {
        if (open.pausedAt === null) return { kind: 'already-running', session: open };
        const row = await tx
          .updateTable('sessions')
          .set({ paused_at: null, paused_ms: open.pausedMs + Math.max(0, nowMs - open.pausedAt) })
          .where('id', '=', open.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { kind: 'resumed', session: toRecord(row) };
      }
      const closedStale = open ? await close(tx, open, nowMs) : null;
      const row = await tx
        .insertInto('sessions')
        .values({ day, started_at: nowMs, target_minutes: targetMinutes })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { kind: 'started', session: toRecord(row), closedStale };
    });
  }

  /** Pauses the running session; null when none is running. */
  async pause(nowMs: number): Promise<SessionRecord | null> {
    return immediate(this.db, async (tx) => {
      const open = await findOpen(tx);
      if (!open || open.pausedAt !== null) return null;
      const row = await tx.updateTable('sessions').set({ paused_at: nowMs }).where('id', '=', open.id).returningAll().executeTakeFirstOrThrow();
      return toRecord(row);
    });
  }

  /** Ends the open session; null when there is none. */
  async stop(nowMs: number): Promise<SessionRecord | null> {
    return immediate(this.db, async (tx) => {
      const open = await findOpen(tx);
      return open ? close(tx, open, nowMs) : null;
    });
  }
}
