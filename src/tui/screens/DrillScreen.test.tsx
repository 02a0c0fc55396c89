import BetterSqlite3 from 'better-sqlite3';
import { render } from 'ink-testing-library';
import { untilFrame } from '../until-frame.js';
import { afterEach, expect, it } from 'vitest';
import { getToday } from '../../coach/today.js';
import { createTestDeps, type TestDeps } from '../../system/test-deps.js';
import { DepsContext } from '../deps-context.js';
import { DrillScreen } from './DrillScreen.js';

let deps: TestDeps;
afterEach(() => deps.dispose());

const until = untilFrame;

/**
 * Types a key until the screen shows `text`. Ink re-subscribes the screen's key handler after each render
 * (a passive effect), so a key sent right after a frame can reach the previous handler, which ignores it;
 * the screen reads what a key acts on from the present (a revealed card, not busy), so sending it again never
 * grades a card twice.
 */
async function press(app: ReturnType<typeof render>, key: string, text: string | RegExp, ms = 5000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    app.stdin.write(key);
    try {
      return await until(app.lastFrame, text, 300);
    } catch (e) {
      if (Date.now() > end) throw e;
    }
  }
}

async function mountDrill() {
  deps = createTestDeps({ now: '2025-06-13T09:00:00' });
  const today = await getToday(deps, '2025-06-13');
  const app = render(
    <DepsContext.Provider value={deps}>
      <DrillScreen today={today} boxes={[]} seconds={0} bell={false} width={100} screens={[]} />
    </DepsContext.Provider>,
  );
  const f = await until(app.lastFrame, 'Q:');
  const cardId = /^(\S+) · new$/m.exec(f)![1]!;
  await press(app, ' ', 'A:');
  return { app, cardId };
}

it('a grade the store refuses shows one line that stays, keeps the card, and the same key grades it once the store takes writes', async () => {
  const { app, cardId } = await mountDrill();
  const store = await deps.store();
  // A second connection to the same SQLite file makes it refuse reviews, as a full disk would.
  const other = new BetterSqlite3(deps.paths.storeFile);
  other.exec("CREATE TRIGGER refuse BEFORE INSERT ON review_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
  try {
    let f = await press(app, '3', 'Grade not saved: database or disk is full.');
    expect(f.replace(/\s+/g, ' ')).toContain('Grade not saved: database or disk is full. 1–4 tries again, Esc leaves; earlier grades are kept.');
    expect(f).toContain(`${cardId} · new`);
    expect(f).toContain('A:');
    expect(f).toContain('0 reviewed in this drill');
    expect(await store.cards.logs()).toHaveLength(0);
    other.exec('DROP TRIGGER refuse');
    f = await press(app, '3', 'Good → again in 10 min');
    expect(f).not.toContain('not saved');
    expect(f).toContain('1 reviewed in this drill');
    expect((await store.cards.logs()).map((l) => l.card_id)).toEqual([cardId]);
  } finally {
    other.close();
    app.unmount();
  }
}, 30_000);

it('a closed store is an error line on the screen, not a crash of the app', async () => {
  const { app, cardId } = await mountDrill();
  await (await deps.store()).close();
  const f = await press(app, '1', 'Grade not saved: ');
  expect(f.split('\n').filter((l) => l.includes('not saved'))).toHaveLength(1);
  expect(f).toContain(`${cardId} · new`);
  await press(app, 'u', 'Undo failed: ');
  app.unmount();
}, 30_000);
