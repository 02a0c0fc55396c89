import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SelfCheckState {
  readonly phase: number;
  readonly week: number;
  /** 1-based question number in the week's theory note. */
  readonly question: number;
  /** The latest answer was right. */
  readonly correct: boolean;
  readonly attempts: number;
}

/** The learner's self-check answers; each is committed as it is given. */
export class SelfCheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(phase: number, week: number, question: number, correct: boolean, nowMs: number): Promise<void> {
    await this.db.insertInto('self_check_answers').values({ phase, week, question, correct: correct ? 1 : 0, answered_at: nowMs }).execute();
  }

  /** The latest state of every answered question. */
  async states(): Promise<SelfCheckState[]> {
    const rows = await this.db.selectFrom('self_check_answers').selectAll().orderBy('answered_at').orderBy('id').execute();
    const out = new Map<string, SelfCheckState>();
    for (const r of rows) {
      const key = `${r.phase}/${r.week}/${r.question}`;
      out.set(key, { phase: r.phase, week: r.week, question: r.question, correct: r.correct === 1, attempts: (out.get(key)?.attempts ?? 0) + 1 });
    }
    return [...out.values()];
  }
}
