import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, StoreError } from './sqlite-store.js';

let home: string;
const T0 = Date.parse('2025-06-12T09:00:00Z');
const min = (m: number) => T0 + m * 60_000;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'roadmap-store-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('SqliteStore', () => {
  it('opens in WAL mode, migrates once and reopens without migrating again', async () => {
    const file = join(home, 'roadmap.db');
    const a = await SqliteStore.open(file);
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(a.db);
    expect(rows[0]!.journal_mode).toBe('wal');
    await a.sessions.start('2025-06-12', T0, 30);
    await a.close();
    const b = await SqliteStore.open(file);
    expect(await b.sessions.all()).toHaveLength(1);
    expect(await b.integrityCheck()).toBe('ok');
    await b.close();
  });

  it('keeps one open session across two terminals: the second start resumes it', async () => {
    const file = join(home, 'roadmap.db');
    const one = await SqliteStore.open(file);
    const two = await SqliteStore.open(file);
    const first = await one.sessions.start('2025-06-12', T0, 30);
    const second = await two.sessions.start('2025-06-12', min(5), 30);
    expect(first.kind).toBe('started');
    expect(second).toMatchObject({ kind: 'already-running', session: { id: first.session.id } });
    expect(await one.sessions.all()).toHaveLength(1);
    await Promise.all([one.close(), two.close()]);
  });

  it('pauses, resumes and stops with the paused time folded in', async () => {
    const store = await SqliteStore.open(join(home, 'roadmap.db'));
    await store.sessions.start('2025-06-12', T0, 30);
    await store.sessions.pause(min(10));
    const resumed = await store.sessions.start('2025-06-12', min(25), 30);
    expect(resumed).toMatchObject({ kind: 'resumed', session: { pausedMs: 15 * 60_000, pausedAt: null } });
    await store.sessions.pause(min(40));
    const stopped = await store.sessions.stop(min(50));
    expect(stopped).toMatchObject({ endedAt: min(50), pausedAt: null, pausedMs: 25 * 60_000 });
    expect(await store.sessions.stop(min(51))).toBeNull();
    await store.close();
  });

  it('closes a session left open on an earlier day when the next one starts', async () => {
    const store = await SqliteStore.open(join(home, 'roadmap.db'));
    await store.sessions.start('2025-06-12', T0, 30);
    const next = await store.sessions.start('2025-06-13', min(1440), 30);
    expect(next).toMatchObject({ kind: 'started', closedStale: { day: '2025-06-12', endedAt: min(1440) } });
    expect(await store.sessions.open()).toMatchObject({ day: '2025-06-13' });
    await store.close();
  });

  it('reports an unwritable home as one line that says what to do', async () => {
    // A file where the home folder should be: mkdir fails even for root.
    const blocker = join(home, 'not-a-folder');
    writeFileSync(blocker, '');
    const err = await SqliteStore.open(join(blocker, 'roadmap.db')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/^cannot open the store at .*\/not-a-folder\/roadmap\.db \(E[A-Z]+\); set ROADMAP_HOME to a writable folder$/);
  });

  it('counts a criterion as verified only when the latest result of the learner’s own project passed', async () => {
    const store = await SqliteStore.open(join(home, 'roadmap.db'));
    const record = (criterionId: string, verifiedAtMs: number, passed: boolean, target: string) =>
      store.checks.recordCriterion({ criterionId, verifiedAtMs, passed, target, figures: [{ name: 'x', value: verifiedAtMs }] });
    await record('p1.ac.10k-requests', 1, true, 'workspace:/w/projects/scraper');
    await record('p1.ac.10k-requests', 2, false, 'workspace:/w/projects/scraper');
    await record('p1.ac.progress-500ms', 1, false, 'dir:/elsewhere');
    await record('p1.ac.progress-500ms', 3, true, 'dir:/elsewhere');
    // The shipped reference passing is not the learner's progress, and does not hide their own latest result.
    await record('p1.ac.10k-requests', 4, true, 'reference:/pkg/projects/scraper');
    await record('p2.ac.cached-50ms', 5, true, 'reference:/pkg/projects/docs-api');
    expect([...(await store.checks.verifiedCriteria())]).toEqual(['p1.ac.progress-500ms']);
    const history = await store.checks.criterionHistory();
    expect(history.map((h) => [h.criterionId, h.verifiedAtMs, h.passed])).toEqual([
      ['p1.ac.10k-requests', 1, true],
      ['p1.ac.progress-500ms', 1, false],
      ['p1.ac.10k-requests', 2, false],
      ['p1.ac.progress-500ms', 3, true],
      ['p1.ac.10k-requests', 4, true],
      ['p2.ac.cached-50ms', 5, true],
    ]);
    expect(history[0]!.figures).toEqual([{ name: 'x', value: 1 }]);
    await store.close();
  });
});
