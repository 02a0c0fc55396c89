import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChildFixture, type ChildFixture } from '../store/child-fixture.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { formatAnkiText } from './anki-text.js';
import { importAnki } from './cards-io.js';

const CARDS = 20_000;

let fixture: ChildFixture;
beforeAll(async () => {
  fixture = await buildChildFixture();
});
afterAll(() => fixture?.dispose());

/** An Anki export of `n` notes of the learner's own. */
function ankiFile(dir: string, n: number): string {
  const file = join(dir, `deck-${n}.txt`);
  const notes = Array.from({ length: n }, (_, i) => ({ guid: null, front: `Question ${i}: what does index ${i} cover?`, back: `Answer ${i}`, tags: ['imported', `n${i % 7}`] }));
  writeFileSync(file, formatAnkiText(notes));
  return file;
}

async function ownCards(deps: TestDeps): Promise<number> {
  return (await (await deps.store()).cards.userCards()).length;
}

describe('cards import is all or nothing', () => {
  // Kill points in the import's one transaction, counted in statements of the child: before it begins, before
  // the first, an early, a middle and the last batch of rows, and just before the commit.
  it.each([
    ['before the transaction begins', '^begin immediate', 1],
    ['before the first batch of rows', '^insert into "user_cards"', 1],
    ['after 2 batches (1,000 cards)', '^insert into "user_cards"', 3],
    ['half way (10,000 cards)', '^insert into "user_cards"', 21],
    ['before the last batch', '^insert into "user_cards"', 40],
    ['just before the commit (all 20,000 written)', '^commit', 1],
  ])('SIGKILL of a real child importing 20,000 cards %s leaves none, and the next import brings all', async (_when, pattern, nth) => {
    const deps = createTestDeps();
    // A store that exists already, so the child's statements are the import's own.
    await (await SqliteStore.open(deps.paths.storeFile)).close();
    const file = ankiFile(deps.paths.home, CARDS);
    const child = fixture.start(['import', deps.paths.home, deps.paths.packageRoot, file, pattern, String(nth)]);
    expect(await child.firstLine()).toMatch(/^paused \d+ /);
    await child.kill();

    expect(await ownCards(deps)).toBe(0);
    expect(await importAnki(deps, file)).toEqual({ added: CARDS, updated: 0, skipped: 0 });
    expect(await ownCards(deps)).toBe(CARDS);
    await deps.dispose();
  }, 60_000);

  it('a child left to finish imports all 20,000 in one transaction, and importing the file again changes nothing', async () => {
    const deps = createTestDeps();
    await (await SqliteStore.open(deps.paths.storeFile)).close();
    const file = ankiFile(deps.paths.home, CARDS);
    const r = await fixture.start(['import', deps.paths.home, deps.paths.packageRoot, file, '-', '0']).result();
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`"added":${CARDS},"updated":0`));
    expect(await importAnki(deps, file)).toEqual({ added: 0, updated: 0, skipped: 0 });
    expect(await ownCards(deps)).toBe(CARDS);
    await deps.dispose();
  }, 60_000);
});

describe('cards import counts', () => {
  it('a note (same guid) twice in one file is one card with the last version; a changed note is an update', async () => {
    const deps = createTestDeps();
    const twice = join(deps.paths.home, 'twice.txt');
    writeFileSync(twice, formatAnkiText([
      { guid: 'wal', front: 'What is a WAL?', back: 'first answer', tags: [] },
      { guid: 'wal', front: 'What is a WAL?', back: 'Write-ahead log', tags: [] },
    ]));
    expect(await importAnki(deps, twice)).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect((await (await deps.store()).cards.userCards()).map((c) => c.back)).toEqual(['Write-ahead log']);
    const changed = join(deps.paths.home, 'changed.txt');
    writeFileSync(changed, formatAnkiText([{ guid: 'wal', front: 'What is a WAL?', back: 'Write-ahead log: changes before data', tags: ['postgres'] }]));
    expect(await importAnki(deps, changed)).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect(await ownCards(deps)).toBe(1);
    await deps.dispose();
  });
});
