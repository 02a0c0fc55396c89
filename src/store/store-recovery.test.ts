import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../coach/doctor.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { buildChildFixture, type ChildFixture } from './child-fixture.js';
import { EVERY_COMMAND_ANSWERS, noToolsRunner, runEveryCommand } from './every-command.js';
import { migrationProvider } from './migrations/index.js';
import { listBackups } from './store-backups.js';
import { repairInterruptedMigration } from './store-repair.js';
import { SqliteStore, StoreError } from './sqlite-store.js';

let fixture: ChildFixture;
let all: Record<string, Migration>;
let names: string[];
beforeAll(async () => {
  fixture = await buildChildFixture();
  all = await migrationProvider.getMigrations();
  names = Object.keys(all).sort();
});
afterAll(() => fixture?.dispose());

const NOW = Date.parse('2025-06-12T09:00:00');

/** Fresh test deps whose commands find no tools and answer the interactive prompts. */
const newDeps = (): TestDeps => createTestDeps({ runner: noToolsRunner, answers: EVERY_COMMAND_ANSWERS });

/** The schema as SQLite holds it (names and definitions), for comparing a recovered store with a clean one. */
function schema(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare(`select type || ' ' || name || ': ' || coalesce(sql, '') as s from sqlite_master where name not like 'sqlite_%' order by name`).all() as { s: string }[]).map((r) => r.s);
  } finally {
    db.close();
  }
}

let cleanSchema: string[] | undefined;
async function expectedSchema(): Promise<string[]> {
  if (!cleanSchema) {
    const deps = newDeps();
    await (await deps.store()).close();
    cleanSchema = schema(deps.paths.storeFile);
    await deps.dispose();
  }
  return cleanSchema;
}

/** How many statements the child runs when nothing stops it (the kill points to try). */
async function statementsOf(args: (file: string) => string[], prepare: (deps: TestDeps) => Promise<void>): Promise<number> {
  const deps = newDeps();
  await prepare(deps);
  const r = await fixture.start(args(deps.paths.storeFile)).result();
  await deps.dispose();
  const m = /^done (\d+)/.exec(r.stdout);
  if (!m) throw new Error(`the fixture failed: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** What a kill left, before anything reopens it: the tables there and the migrations recorded as run. */
function leftState(file: string): string {
  if (!existsSync(file)) return 'no file';
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = (db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map((r) => r.name);
    const ran = tables.includes('kysely_migration') ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name) : [];
    return `${tables.join(',')} | ${ran.join(',')}`;
  } finally {
    db.close();
  }
}

/**
 * The check after each kill: the store opens, holds the whole schema of every migration and is sound; and the
 * first time a kill leaves a given state, every command works on it (other kill points leaving the same state
 * would only repeat that run).
 */
async function expectWholeAndUsable(deps: TestDeps, label: string, seen?: Set<string>): Promise<void> {
  const state = leftState(deps.paths.storeFile);
  const store = await deps.store();
  expect(await store.integrityCheck(), label).toBe('ok');
  expect(schema(deps.paths.storeFile), label).toEqual(await expectedSchema());
  if (seen?.has(state)) return;
  seen?.add(state);
  expect(await runEveryCommand(deps), `${label} (left: ${state})`).toEqual([]);
}

describe('a kill in the middle of a migration leaves the store at the last whole one', () => {
  it('for a new store (`roadmap init` on a first run): SIGKILL before each statement of the migration run', async () => {
    const total = await statementsOf((file) => ['open', file, '-', '0'], async () => {});
    expect(total).toBeGreaterThan(40);
    const seen = new Set<string>();
    for (let k = 1; k <= total; k++) {
      const deps = newDeps();
      const child = fixture.start(['open', deps.paths.storeFile, '.', String(k)]);
      const line = await child.firstLine();
      expect(line, `kill point ${k}`).toMatch(new RegExp(`^paused ${k} `));
      await child.kill();
      await expectWholeAndUsable(deps, `killed before statement ${line}`, seen);
      await deps.dispose();
    }
    // Every migration boundary was a kill point: nothing, each of the 4 migrations, and the session after them.
    expect(seen.size).toBeGreaterThanOrEqual(names.length + 1);
  }, 240_000);

  it('for an upgrade 0003 → 0004 of a store with answers in it: SIGKILL before each statement, nothing recorded lost', async () => {
    const upto3 = Object.fromEntries(names.slice(0, 3).map((n) => [n, all[n]!]));
    // A store of a roadmap that knew 0001–0003, with a review and a session in it.
    const seedDeps = newDeps();
    const seed = await SqliteStore.open(seedDeps.paths.storeFile, { migrations: upto3, backups: false });
    await seed.sessions.start('2025-06-11', NOW - 86_400_000, 30);
    await seed.cards.putUserCard({ card_id: 'u.wal', front: 'WAL?', back: 'write-ahead log', tags: '', origin: 'added', created_at: NOW });
    await seed.close();
    const seedFile = join(seedDeps.paths.home, 'at-0003.db');
    copyFileSync(seedDeps.paths.storeFile, seedFile);
    const prepare = async (deps: TestDeps): Promise<void> => copyFileSync(seedFile, deps.paths.storeFile);

    const total = await statementsOf((file) => ['open', file, '-', '0'], prepare);
    const seen = new Set<string>();
    for (let k = 1; k <= total; k++) {
      const deps = newDeps();
      await prepare(deps);
      const child = fixture.start(['open', deps.paths.storeFile, '.', String(k)]);
      const line = await child.firstLine();
      expect(line, `kill point ${k}`).toMatch(new RegExp(`^paused ${k} `));
      await child.kill();
      const store = await deps.store();
      expect((await store.sessions.all()).map((s) => s.day)).toContain('2025-06-11');
      expect((await store.cards.userCards()).map((c) => c.card_id)).toEqual(['u.wal']);
      // The backup is taken before the first statement of the upgrade.
      expect(listBackups(join(deps.paths.home, 'backups')).map((b) => b.reason)).toContain('before-0004-katas');
      await expectWholeAndUsable(deps, `killed before statement ${line}`, seen);
      await deps.dispose();
    }
    await seedDeps.dispose();
  }, 240_000);
});

describe('three processes opening a new store at once', () => {
  it('all succeed, with every migration run once, while one of them holds the write lock inside a migration', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const deps = newDeps();
      const file = deps.paths.storeFile;
      // A stops right after taking the write lock for the first migration...
      const a = fixture.start(['open', file, '^select "name", "timestamp" from "kysely_migration"', '1']);
      expect(await a.firstLine()).toMatch(/^paused /);
      // ...B and C stop just before asking for it, then go on and queue behind A.
      const others = [0, 1].map(() => fixture.start(['open', file, '^begin immediate', '1']));
      for (const o of others) expect(await o.firstLine()).toMatch(/^paused \d+ begin immediate/);
      for (const o of others) o.resume();
      a.resume();
      for (const c of [a, ...others]) {
        const r = await c.result();
        expect(r.exitCode, r.stdout + r.stderr).toBe(0);
        expect(r.stdout).toMatch(/done \d+\n?$/);
      }
      const store = await deps.store();
      const ran = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(ran).toHaveLength(names.length);
      // The three recorded today's session once: the unique open session held across processes.
      expect(await store.sessions.all()).toHaveLength(1);
      await deps.dispose();
    }
  }, 120_000);

  it('all succeed when they simply start together (no pauses), many trials', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const deps = newDeps();
      const children = [0, 1, 2].map(() => fixture.start(['open', deps.paths.storeFile, '-', '0']));
      for (const c of children) {
        const r = await c.result();
        expect(r.exitCode, `trial ${trial}: ${r.stdout}${r.stderr}`).toBe(0);
      }
      expect(await (await deps.store()).sessions.all()).toHaveLength(1);
      await deps.dispose();
    }
  }, 120_000);
});

/** Runs migrations the way roadmap did before they were transactional: statement by statement, row after. */
async function oldRoadmapMigrate(file: string, upTo: number, partial: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  const store = await SqliteStore.open(file, { migrations: Object.fromEntries(names.slice(0, upTo).map((n) => [n, all[n]!])), backups: false });
  await store.cards.putUserCard({ card_id: 'u.kept', front: 'Kept?', back: 'Yes', tags: '', origin: 'added', created_at: NOW });
  await store.close();
  const raw = new BetterSqlite3(file);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  await partial(db);
  await db.destroy();
}

describe('a store an older roadmap left half-migrated', () => {
  const firstTableOnly = async (db: Kysely<unknown>): Promise<void> => {
    await db.schema.createTable('kata_progress').addColumn('kata_id', 'text', (c) => c.primaryKey()).addColumn('started_at', 'integer', (c) => c.notNull()).addColumn('first_passed_at', 'integer').addColumn('hints_revealed', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('solution_viewed', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('solution_forced', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  };
  const wholeButItsRow = async (db: Kysely<unknown>): Promise<void> => all['0004-katas']!.up(db);

  it.each([
    ['the first table of 0004 only', firstTableOnly],
    ['all of 0004 but its bookkeeping row', wholeButItsRow],
  ])('after %s: every command says to run `roadmap doctor`, which repairs it; then everything works and nothing is lost', async (_label, partial) => {
    const deps = newDeps();
    await oldRoadmapMigrate(deps.paths.storeFile, 3, partial);
    const err = await SqliteStore.open(deps.paths.storeFile).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).problem).toBe('interrupted-migration');
    expect((err as Error).message).toMatch(/^an upgrade of the store at .*roadmap\.db stopped halfway \(migration 0004-katas: .*already exists\): run `roadmap doctor` to repair it; nothing recorded is lost$/);

    const report = await runDoctor(deps);
    expect(report.core.find((c) => c.name === "repair")).toMatchObject({ status: "ok", detail: expect.stringMatching(/^migration 0004-katas had stopped halfway: dropped what it left \(.*table kata_progress.*\) so it runs again whole; backup ~\/backups\/roadmap-20250612-090000-before-repair\.db$/) });
    expect(report.core.find((c) => c.name === 'store')).toMatchObject({ status: 'ok' });
    expect(listBackups(join(deps.paths.home, 'backups')).map((b) => b.reason)).toContain('before-repair');
    const store = await deps.store();
    expect((await store.cards.userCards()).map((c) => c.card_id)).toEqual(['u.kept']);
    await expectWholeAndUsable(deps, 'after the repair');
    await deps.dispose();
  });

  it('refuses to drop a leftover that holds rows, and says how to get back: a backup, when there is one', async () => {
    const deps = newDeps();
    await oldRoadmapMigrate(deps.paths.storeFile, 3, async (db) => {
      await firstTableOnly(db);
      await db.insertInto('kata_progress' as never).values({ kata_id: 'k', started_at: 1 } as never).execute();
    });
    const report = await runDoctor(deps);
    expect(report.coreOk).toBe(false);
    expect(report.core.find((c) => c.name === 'store')?.detail).toMatch(
      /migration 0004-katas\) and cannot be repaired in place \(table kata_progress already holds rows\): there is no backup to put back; keep a copy of the file and report it$/,
    );
    expect(existsSync(deps.paths.storeFile)).toBe(true);
    await deps.dispose();
  });

  it('a later migration that adds columns to earlier tables (as 0005 does), stopped after some of them: the added columns are dropped and it runs again whole', async () => {
    const deps = newDeps();
    const withNotes: Record<string, Migration> = {
      ...all,
      '9000-card-notes': {
        async up(db) {
          await db.schema.createTable('card_notes').addColumn('card_id', 'text', (c) => c.primaryKey()).addColumn('note', 'text').execute();
          await db.schema.alterTable('user_cards').addColumn('note_id', 'text').execute();
          await db.schema.alterTable('user_cards').addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        },
      },
    };
    await oldRoadmapMigrate(deps.paths.storeFile, names.length, async (db) => {
      await db.schema.createTable('card_notes').addColumn('card_id', 'text', (c) => c.primaryKey()).addColumn('note', 'text').execute();
      await db.schema.alterTable('user_cards').addColumn('note_id', 'text').execute();
    });
    const err = await SqliteStore.open(deps.paths.storeFile, { migrations: withNotes, backups: false }).catch((e: unknown) => e);
    expect((err as StoreError).problem).toBe('interrupted-migration');

    const repaired = await repairInterruptedMigration(deps.paths.storeFile, new Date(NOW), withNotes);
    expect(repaired).toMatchObject({ migration: '9000-card-notes', dropped: ['table card_notes', 'column user_cards.note_id'] });
    const store = await SqliteStore.open(deps.paths.storeFile, { migrations: withNotes, backups: false });
    expect(await store.integrityCheck()).toBe('ok');
    const cards = await store.db.selectFrom('user_cards').selectAll().execute();
    expect(cards).toEqual([expect.objectContaining({ card_id: 'u.kept', note_id: null, pinned: 0 })]);
    await store.close();
    await deps.dispose();
  });
});
