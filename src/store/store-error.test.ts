import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { Rating } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program.js';
import { createDeps } from '../deps.js';
import { openDrill } from '../drill/drill-engine.js';
import { fixedClock } from '../system/clock.js';
import { bufferIo } from '../system/io.js';
import { createLifecycle } from '../system/lifecycle.js';
import { findPackageRoot } from '../system/paths.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { noToolsRunner } from './every-command.js';
import { migrationProvider } from './migrations/index.js';
import { BACKUPS_KEPT, listBackups } from './store-backups.js';
import { problemOf, translateStoreError, type StoreProblem } from './store-error.js';
import { SqliteStore, StoreError } from './sqlite-store.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'roadmap-store-errors-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const T0 = Date.parse('2025-06-12T09:00:00');

describe('the one map from SQLite and system codes to the learner’s fix', () => {
  it.each<[string, StoreProblem, RegExp]>([
    ['SQLITE_FULL', 'full', /is full \(SQLITE_FULL\): free some space and run the command again; everything answered before this is saved$/],
    ['SQLITE_CORRUPT', 'damaged', /is damaged \(SQLITE_CORRUPT\): run `roadmap doctor`, and `roadmap doctor --restore` to put back the last backup$/],
    ['SQLITE_CORRUPT_INDEX', 'damaged', /is damaged \(SQLITE_CORRUPT_INDEX\)/],
    ['SQLITE_NOTADB', 'damaged', /is damaged \(SQLITE_NOTADB\)/],
    ['SQLITE_READONLY', 'unwritable', /^cannot write to the store at \/s\/roadmap\.db \(SQLITE_READONLY\); set ROADMAP_HOME to a writable folder$/],
    ['SQLITE_READONLY_DBMOVED', 'unwritable', /\(SQLITE_READONLY_DBMOVED\); set ROADMAP_HOME/],
    ['SQLITE_CANTOPEN', 'unwritable', /\(SQLITE_CANTOPEN\); set ROADMAP_HOME to a writable folder$/],
    ['SQLITE_BUSY', 'busy', /is locked by another roadmap .* for more than 5 s \(SQLITE_BUSY\): finish or close it and run the command again$/],
    ['SQLITE_BUSY_SNAPSHOT', 'busy', /\(SQLITE_BUSY_SNAPSHOT\)/],
    ['SQLITE_IOERR_WRITE', 'io', /the disk failed to read or write the store at \/s\/roadmap\.db \(SQLITE_IOERR_WRITE\): check the disk, then run `roadmap doctor`$/],
  ])('%s → %s, one line with its fix', (code, problem, message) => {
    const cause = new BetterSqlite3.SqliteError('sqlite says so', code);
    const e = translateStoreError(cause, '/s/roadmap.db');
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).problem).toBe(problem);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).not.toContain('\n');
    expect((e as Error).cause).toBe(cause);
  });

  it.each([
    ['ENOSPC', 'full'],
    ['EACCES', 'unwritable'],
    ['EROFS', 'unwritable'],
    ['ENOTDIR', 'unwritable'],
    ['EIO', 'io'],
  ] as const)('errno %s → %s', (code, problem) => {
    expect(problemOf(code)).toBe(problem);
  });

  it('leaves an error it has no advice for as it is (a constraint, a bug)', () => {
    const cause = new BetterSqlite3.SqliteError('UNIQUE constraint failed: freezes.day', 'SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(translateStoreError(cause, '/s/roadmap.db')).toBe(cause);
    const bug = new TypeError('x is undefined');
    expect(translateStoreError(bug, '/s/roadmap.db')).toBe(bug);
  });
});

/** Overwrites one page of a closed (checkpointed) store with garbage: a damaged sector, as SQLite sees it. */
function damagePage(file: string, page: number, pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

/** Makes the store's disk full for real, as far as SQLite is concerned: no page beyond those it has. */
async function fillUp(store: SqliteStore): Promise<void> {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(store.db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(store.db);
}

describe('real faults', () => {
  let deps: TestDeps;
  beforeEach(() => {
    deps = createTestDeps({ now: '2025-06-13T09:00:00', runner: noToolsRunner });
  });
  afterEach(() => deps.dispose());

  it('a full disk during a drill says so (not "cannot rollback"), and every grade given before it is kept', async () => {
    const store = await deps.store();
    const d = await openDrill(deps, '2025-06-13');
    const at = Date.parse('2025-06-13T09:00:00');
    const first = d.session.next(at, d.endOfDayMs)!;
    await d.session.grade(first.card.id, Rating.Good, at);
    await fillUp(store);
    let error: unknown;
    const graded = [first.card.id];
    try {
      // Each review takes a few rows; the last free bytes of the last page run out within a few dozen.
      for (let i = 0; i < 500; i++) {
        const q = d.session.next(at, d.endOfDayMs);
        if (!q) break;
        await d.session.grade(q.card.id, Rating.Good, at);
        graded.push(q.card.id);
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).problem).toBe('full');
    expect((error as Error).message).toMatch(/^the disk holding the store .*roadmap\.db is full \(SQLITE_FULL\): free some space/);
    // What was answered before the disk filled up is there; the failed grade left nothing half-written.
    expect((await store.cards.logs()).map((l) => l.card_id)).toEqual(graded);
    expect((await store.cards.states()).size).toBe(new Set(graded).size);
  });

  it('a full disk during `cards import` imports none of the file and says to free space', async () => {
    const store = await deps.store();
    await fillUp(store);
    const file = join(deps.paths.home, 'big.txt');
    const rows = Array.from({ length: 3000 }, (_, i) => `Question ${i} ${'x'.repeat(40)}\tAnswer ${i}\tsql`);
    writeFileSync(file, `#separator:tab\n#html:false\n#tags column:3\n${rows.join('\n')}\n`);
    const code = await runCli(['cards', 'import', file], deps);
    expect(code).toBe(1);
    expect(deps.io.stderr()).toMatch(/^roadmap: the disk holding the store .* is full \(SQLITE_FULL\): free some space and run the command again; everything answered before this is saved\n$/);
    expect(await store.cards.userCards()).toEqual([]);
  });

  it('a full disk in the middle of an upgrade: the store stays at the last whole migration, and the upgrade runs once there is room', async () => {
    const known = await migrationProvider.getMigrations();
    await (await SqliteStore.open(deps.paths.storeFile, { backups: false })).close();
    let diskFull = true;
    // A later migration that fills the disk halfway through its rows (SQLite's page limit: a full disk for real).
    const bigUpgrade = {
      ...known,
      '9000-big-upgrade': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('big').addColumn('x', 'text').execute();
          if (diskFull) {
            const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
            await sql.raw(`pragma max_page_count = ${rows[0]!.page_count + 2}`).execute(db);
          }
          for (let i = 0; i < 200; i++) await sql`insert into big values (${'z'.repeat(1000)})`.execute(db);
        },
      },
    };
    const err = await SqliteStore.open(deps.paths.storeFile, { migrations: bigUpgrade, backups: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/^the disk holding the store .* is full \(SQLITE_FULL\): free some space and run the command again/);
    const raw = new BetterSqlite3(deps.paths.storeFile, { readonly: true });
    expect(raw.prepare(`select name from sqlite_master where name = 'big'`).all()).toEqual([]);
    expect(raw.prepare(`select count(*) as n from kysely_migration where name = '9000-big-upgrade'`).get()).toEqual({ n: 0 });
    raw.close();
    diskFull = false;
    const store = await SqliteStore.open(deps.paths.storeFile, { migrations: bigUpgrade, backups: false });
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
  });

  it('a file that is not a database: one line pointing at doctor and the backup, not at ROADMAP_HOME', async () => {
    writeFileSync(deps.paths.storeFile, 'this is not a database, it is a shopping list\n'.repeat(200));
    const code = await runCli(['today'], deps);
    expect(code).toBe(1);
    expect(deps.io.stderr()).toMatch(/^roadmap: the store at .*roadmap\.db is damaged \(SQLITE_NOTADB\): run `roadmap doctor`, and `roadmap doctor --restore` to put back the last backup\n$/);
    expect(deps.io.stderr()).not.toMatch(/ROADMAP_HOME|unexpected/);
  });

  it('a damaged page: the query that hits it gives the same one line, not "unexpected error"', async () => {
    const store = await deps.store();
    for (let i = 0; i < 400; i++) await store.cards.putUserCard({ card_id: `u.${i}`, front: `front ${i} ${'y'.repeat(200)}`, back: 'b', tags: '', origin: 'added', created_at: T0 });
    const { rows } = await sql<{ rootpage: number }>`select rootpage from sqlite_master where name = 'user_cards'`.execute(store.db);
    await store.close();
    damagePage(deps.paths.storeFile, rows[0]!.rootpage);
    const again = depsFor(deps.paths.home, '2025-06-13T09:00:00');
    expect(await runCli(['cards', 'stats', '--json'], again)).toBe(1);
    expect(again.io.stderr()).toMatch(/^roadmap: the store at .*roadmap\.db is damaged \(SQLITE_CORRUPT\): run `roadmap doctor`.*\n$/);
    expect(again.io.stderr()).not.toMatch(/unexpected/);
    await again.close();
  });

  it('a store from a newer roadmap: upgrade roadmap (not "corrupted migrations")', async () => {
    const known = await migrationProvider.getMigrations();
    const latest = Object.keys(known).sort().at(-1)!;
    await (await SqliteStore.open(deps.paths.storeFile, { migrations: { ...known, '9999-from-the-future': { up: async () => {} } }, backups: false })).close();
    const code = await runCli(['today'], deps);
    expect(code).toBe(1);
    expect(deps.io.stderr()).toBe(
      `roadmap: the store at ${deps.paths.storeFile} was written by a newer roadmap (it has migration 9999-from-the-future; this roadmap knows up to ${latest}): upgrade roadmap and run the command again\n`,
    );
  });

  it('another process holding the write lock past the busy timeout: say who to close, and nothing is half-written', async () => {
    await (await deps.store()).close();
    const other = new BetterSqlite3(deps.paths.storeFile);
    other.exec('begin immediate');
    const store = await SqliteStore.open(deps.paths.storeFile, { busyTimeoutMs: 20, backups: false });
    const err = await store.sessions.start('2025-06-13', T0, 30).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).problem).toBe('busy');
    other.exec('rollback');
    other.close();
    expect(await store.sessions.all()).toEqual([]);
    await store.close();
  });

  it('a home under /proc fails at once with one line instead of spinning in mkdir', async () => {
    const err = await SqliteStore.open('/proc/roadmap-nope/roadmap.db').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe('cannot open the store at /proc/roadmap-nope/roadmap.db (ENOENT); set ROADMAP_HOME to a writable folder');
  });
});

describe('backups', () => {
  const file = (): string => join(home, 'roadmap.db');
  const backupsDir = (): string => join(home, 'backups');
  const at = (iso: string) => ({ clock: fixedClock(iso) });

  it('takes none for a new store, one on the first open of each day, and keeps the last few', async () => {
    await (await SqliteStore.open(file(), at('2025-06-01T08:00:00'))).close();
    expect(listBackups(backupsDir())).toEqual([]);
    for (let day = 1; day <= BACKUPS_KEPT + 3; day++) {
      const iso = `2025-06-${String(day + 1).padStart(2, '0')}T08:00:00`;
      await (await SqliteStore.open(file(), at(iso))).close();
      // The second open of the day takes no other.
      await (await SqliteStore.open(file(), at(iso.replace('08:', '21:')))).close();
    }
    const kept = listBackups(backupsDir());
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toMatchObject({ takenAt: '2025-06-11 08:00:00', reason: 'daily' });
    expect(kept.at(-1)).toMatchObject({ takenAt: '2025-06-05 08:00:00' });
  });

  it('takes one before a migration run of an existing store, holding what was there', async () => {
    const all = await migrationProvider.getMigrations();
    const upto3 = Object.fromEntries(Object.keys(all).sort().slice(0, 3).map((n) => [n, all[n]!]));
    const old = await SqliteStore.open(file(), { ...at('2025-06-01T08:00:00'), migrations: upto3 });
    await old.cards.putUserCard({ card_id: 'u.1', front: 'f', back: 'b', tags: '', origin: 'added', created_at: T0 });
    await old.close();
    await (await SqliteStore.open(file(), at('2025-06-01T09:30:00'))).close();
    const before = listBackups(backupsDir()).find((b) => b.reason === 'before-0004-katas');
    expect(before).toMatchObject({ takenAt: '2025-06-01 09:30:00' });
    const copy = new BetterSqlite3(before!.file, { readonly: true });
    expect(copy.prepare('select card_id from user_cards').all()).toEqual([{ card_id: 'u.1' }]);
    expect(copy.prepare('select name from kysely_migration order by name').all()).toHaveLength(3);
    copy.close();
  });

  it('skips the daily backup of a store that fails the quick check, so damage never pushes out the sound copies', async () => {
    const store = await SqliteStore.open(file(), at('2025-06-01T08:00:00'));
    for (let i = 0; i < 300; i++) await store.cards.putUserCard({ card_id: `u.${i}`, front: 'f'.repeat(300), back: 'b', tags: '', origin: 'added', created_at: T0 });
    const { rows } = await sql<{ rootpage: number }>`select rootpage from sqlite_master where name = 'user_cards'`.execute(store.db);
    await store.close();
    await (await SqliteStore.open(file(), at('2025-06-02T08:00:00'))).close();
    expect(listBackups(backupsDir())).toHaveLength(1);
    damagePage(file(), rows[0]!.rootpage);
    await (await SqliteStore.open(file(), at('2025-06-03T08:00:00'))).close();
    expect(listBackups(backupsDir()).map((b) => b.takenAt)).toEqual(['2025-06-02 08:00:00']);
  });
});

/** Deps on the store in `dir` at the instant `now`: a later day, a second terminal, the same home. */
function depsFor(dir: string, now: string) {
  const io = bufferIo();
  const paths = { home: dir, storeFile: join(dir, 'roadmap.db'), packageRoot: findPackageRoot(), defaultWorkspace: join(dir, 'workspace') };
  return { ...createDeps({ env: { HOME: dir, ROADMAP_HOME: dir }, io, clock: fixedClock(now), paths, runner: noToolsRunner, lifecycle: createLifecycle() }), io };
}

describe('doctor on a damaged store, and --restore', () => {
  it('says what is wrong and how; --restore puts back the newest sound backup and keeps the damaged file', async () => {
    const day1 = depsFor(home, '2025-06-12T09:00:00');
    await (await day1.store()).cards.putUserCard({ card_id: 'u.before', front: 'f', back: 'b', tags: '', origin: 'added', created_at: T0 });
    await day1.close();
    // The next day's first command takes the backup; then the file is ruined.
    const day2 = depsFor(home, '2025-06-13T09:00:00');
    expect(await runCli(['today', '--json'], day2)).toBe(0);
    await day2.close();
    expect(listBackups(join(home, 'backups')).map((b) => b.name)).toEqual(['roadmap-20250613-090000-daily.db']);
    writeFileSync(join(home, 'roadmap.db'), 'garbage '.repeat(1000));

    const sick = depsFor(home, '2025-06-13T10:00:00');
    expect(await runCli(['doctor'], sick)).toBe(3);
    expect(sick.io.stdout()).toMatch(/FAIL +store +the store at .*roadmap\.db is damaged \(SQLITE_NOTADB\): run `roadmap doctor`, and `roadmap doctor --restore` to put back the last backup\n/);
    await sick.close();

    const healed = depsFor(home, '2025-06-13T10:05:00');
    expect(await runCli(['doctor', '--restore'], healed)).toBe(0);
    expect(healed.io.stderr()).toMatch(
      /^Restored roadmap-20250613-090000-daily\.db \(taken 2025-06-13 09:00:00; what was recorded after it is not in it\); the store it replaced is kept as .*backups\/replaced-20250613-100500\.db\.\n$/,
    );
    expect(healed.io.stdout()).toMatch(/ok +store +.*roadmap\.db \(integrity: ok; newest backup 2025-06-13 09:00:00\)/);
    expect((await (await healed.store()).cards.userCards()).map((c) => c.card_id)).toEqual(['u.before']);
    await healed.close();
    expect(readdirSync(join(home, 'backups'))).toContain('replaced-20250613-100500.db');
    // Backups are single files: checking and restoring them leaves no -wal or -shm beside them.
    expect(readdirSync(join(home, 'backups')).filter((n) => /-(wal|shm)$/.test(n))).toEqual([]);
  });

  it('--restore without backups, or with a name that is not one, is one line that says what there is', async () => {
    const none = depsFor(home, '2025-06-12T09:00:00');
    expect(await runCli(['doctor', '--restore'], none)).toBe(1);
    expect(none.io.stderr()).toMatch(/^roadmap: no backups of the store in .*backups to restore: roadmap takes one a day and before each upgrade\n$/);
    await (await none.store()).close();
    await none.close();
    await (await SqliteStore.open(join(home, 'roadmap.db'), { clock: fixedClock('2025-06-13T08:00:00') })).close();
    const wrong = depsFor(home, '2025-06-13T09:00:00');
    expect(await runCli(['doctor', '--restore', 'yesterday.db'], wrong)).toBe(2);
    expect(wrong.io.stderr()).toMatch(/^roadmap: no backup yesterday\.db in .*backups; the backups are: roadmap-20250613-080000-daily\.db\n$/);
    await wrong.close();
  });
});
