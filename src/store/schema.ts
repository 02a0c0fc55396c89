import type { Generated } from 'kysely';

export interface ProfileTable {
  id: number;
  /** Plan anchor: null = the seed's own dates. */
  start_date: string | null;
  workspace: string;
  minutes_target: number;
  freezes_per_month: number;
  tracked_from: string;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  id: Generated<number>;
  day: string;
  started_at: number;
  ended_at: number | null;
  paused_at: number | null;
  paused_ms: Generated<number>;
  target_minutes: number;
}

export interface FreezeTable {
  day: string;
  created_at: number;
}

export interface TaskCheckTable {
  task_id: string;
  checked_at: number;
}

export interface CriterionResultTable {
  id: Generated<number>;
  criterion_id: string;
  verified_at: number;
  passed: number;
  target: string;
  figures_json: Generated<string>;
  run_id: string | null;
  verdict: string | null;
}

export interface VerifyRunTable {
  id: string;
  phase: number;
  target_kind: string;
  target_dir: string;
  finished_at: number;
  stage: number | null;
  full: number;
  settings_json: string;
  summary: string;
  report_file: string | null;
}

export interface StageResultTable {
  id: Generated<number>;
  run_id: string;
  stage_id: string;
  verdict: string;
  at: number;
}

export interface ReplannedDayTable {
  day: string;
  replanned_at: number;
}

export interface SelfCheckAnswerTable {
  id: Generated<number>;
  phase: number;
  week: number;
  question: number;
  correct: number;
  answered_at: number;
}

export interface CardStateTable {
  card_id: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

export interface ReviewLogTable {
  id: Generated<number>;
  card_id: string;
  day: string;
  rating: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  last_elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  review: number;
  before_json: string | null;
}

export interface UserCardTable {
  card_id: string;
  front: string;
  back: string;
  tags: string;
  origin: string;
  created_at: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface KataProgressTable {
  kata_id: string;
  started_at: number;
  first_passed_at: number | null;
  hints_revealed: Generated<number>;
  solution_viewed: Generated<number>;
  solution_forced: Generated<number>;
}

export interface KataCheckTable {
  id: Generated<number>;
  kata_id: string;
  at: number;
  passed: number;
  failed_tests: number;
  duration_ms: number;
}

export interface Database {
  profile: ProfileTable;
  sessions: SessionTable;
  freezes: FreezeTable;
  task_checks: TaskCheckTable;
  criterion_results: CriterionResultTable;
  verify_runs: VerifyRunTable;
  stage_results: StageResultTable;
  replanned_days: ReplannedDayTable;
  self_check_answers: SelfCheckAnswerTable;
  card_states: CardStateTable;
  review_log: ReviewLogTable;
  user_cards: UserCardTable;
  settings: SettingTable;
  kata_progress: KataProgressTable;
  kata_checks: KataCheckTable;
}
