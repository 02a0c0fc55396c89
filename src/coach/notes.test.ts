import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { notesRun } from '../cli/commands/notes.js';
import { createTestDeps, stubRunner, type TestDeps } from '../system/test-deps.js';
import { ensureWeekNote, listWeekNotes } from './notes.js';

let deps: TestDeps;
afterEach(() => deps.dispose());

it('creates the week’s note from the template once and never overwrites the learner’s writing', async () => {
  deps = createTestDeps({ now: '2025-06-20T09:00:00' });
  const first = await ensureWeekNote(deps, { phase: 1, week: 2 }, '2025-06-20');
  expect(first).toMatchObject({ created: true, path: expect.stringMatching(/workspace\/wiki\/phase-1\/week-2\.md$/) });
  const text = readFileSync(first.path, 'utf8');
  expect(text).toContain('# Phase 1, week 2 — ');
  expect(text).toContain('## In my own words');
  expect(text).toMatch(/- \[ \] p1\.[a-z-]+ — /);
  writeFileSync(first.path, text + '\nMy own words about satisfies and branded types.\n');
  const again = await ensureWeekNote(deps, { phase: 1, week: 2 }, '2025-06-27');
  expect(again.created).toBe(false);
  expect(readFileSync(again.path, 'utf8')).toContain('My own words about satisfies');
  expect((await listWeekNotes(deps, '2025-06-27')).map((n) => [n.phase, n.week, n.words > first.words])).toEqual([[1, 2, true]]);
});

it('opens the note in $EDITOR on a terminal', async () => {
  const runner = stubRunner({ vim: {} });
  deps = createTestDeps({ now: '2025-06-20T09:00:00', runner, env: { EDITOR: 'vim' } });
  Object.assign(deps.io, { isTTY: true });
  await notesRun(deps, {});
  expect(runner.interactiveCalls).toEqual([['vim', expect.stringMatching(/wiki\/phase-1\/week-2\.md$/)]]);
});

it('notes list counts words with the right plural', async () => {
  deps = createTestDeps({ now: '2025-06-20T09:00:00' });
  const one = await ensureWeekNote(deps, { phase: 1, week: 1 }, '2025-06-20');
  writeFileSync(one.path, '---\nphase: 1\n---\nEventloop\n');
  const two = await ensureWeekNote(deps, { phase: 1, week: 2 }, '2025-06-20');
  writeFileSync(two.path, 'Two words\n');
  const { makeNotesCommand } = await import('../cli/commands/notes.js');
  await makeNotesCommand(deps).exitOverride().parseAsync(['list'], { from: 'user' });
  expect(deps.io.stdout()).toMatch(/^1\.1 {2}1 word {3}\S+week-1\.md\n1\.2 {2}2 words {2}\S+week-2\.md\n$/);
});
