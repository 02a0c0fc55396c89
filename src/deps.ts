import { join } from 'node:path';
import type { Plan } from './core/plan.js';
import type { SqliteStore } from './store/sqlite-store.js';
import { systemClock, type Clock } from './system/clock.js';
import { processEnv, type Env } from './system/env.js';
import { processIo, type Io } from './system/io.js';
import { resolvePaths, type Paths } from './system/paths.js';
import { processLifecycle, type Lifecycle } from './system/lifecycle.js';
import { execaRunner, type Runner } from './system/runner.js';

/**
 * Everything a command or screen needs from the world (STYLE rule 2). Costly members are lazy, so
 * `--help` never opens the database and `today` never loads the process runner.
 */
export interface Deps {
  readonly io: Io;
  readonly env: Env;
  readonly clock: Clock;
  readonly paths: Paths;
  readonly runner: Runner;
  /** Signals, abort and deferred cleanup (src/system/lifecycle.ts): the process-wide one, or a local one in tests. */
  readonly lifecycle: Lifecycle;
  /** The learner's store, opened and migrated on first use. */
  store(): Promise<SqliteStore>;
  /** curriculum/plan.yaml, loaded and validated on first use. */
  plan(): Promise<Plan>;
  /** Closes what was opened. */
  close(): Promise<void>;
}

export interface DepsOverrides {
  readonly env?: Env;
  readonly io?: Io;
  readonly clock?: Clock;
  readonly paths?: Paths;
  readonly runner?: Runner;
  readonly lifecycle?: Lifecycle;
}

export function createDeps(overrides: DepsOverrides = {}): Deps {
  const env = overrides.env ?? processEnv();
  const paths = overrides.paths ?? resolvePaths(env);
  const clock = overrides.clock ?? systemClock(env);
  let store: Promise<SqliteStore> | undefined;
  let plan: Promise<Plan> | undefined;
  // Looked up when first needed, so building Deps never installs the process-wide handlers by itself.
  const lifecycle = (): Lifecycle => overrides.lifecycle ?? processLifecycle();
  return {
    io: overrides.io ?? processIo(env, lifecycle),
    env,
    clock,
    paths,
    runner: overrides.runner ?? execaRunner(lifecycle),
    get lifecycle() {
      return lifecycle();
    },
    store() {
      store ??= import('./store/sqlite-store.js').then((m) => m.SqliteStore.open(paths.storeFile, { clock }));
      return store;
    },
    plan() {
      plan ??= import('./content/plan-cache.js').then((m) => m.loadPlanCached(paths.packageRoot, join(paths.home, 'cache')));
      return plan;
    },
    async close() {
      if (store) await (await store.catch(() => undefined))?.close();
    },
  };
}
