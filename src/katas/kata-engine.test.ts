import { cpSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { checkKata, listKatas, nextKata, requireKata, resetKata, revealHint, solutionOf, startKata, watchKata } from './kata-engine.js';

let deps: TestDeps;
afterEach(() => deps.dispose());
const TODAY = '2025-06-12';

describe('a kata from start to pass (real vitest in a temp workspace)', () => {
  it('starts, fails, passes once edited to the solution, and records it all', async () => {
    deps = createTestDeps({ runner: execaRunner() });
    const kata = requireKata(deps, 'p1.event-loop-order');
    expect((await nextKata(deps, TODAY))?.kata.id).toBe('p1.event-loop-order');
    const { file } = await startKata(deps, kata, TODAY);
    const failing = await checkKata(deps, kata, TODAY);
    expect(failing.passed).toBe(false);
    expect(failing.firstFailure?.test).toMatch(/scenario/);
    expect(failing.firstFailure?.message).toMatch(/expected/i);
    // vitest's own diff, with the first difference in view (the message alone can read the same on both sides).
    const diff = failing.firstFailure?.diff ?? '';
    expect(diff.split('\n').slice(0, 2)).toEqual(['- Expected', '+ Received']);
    expect(diff).toMatch(/^- {3}"[^"]+",?$/m);
    expect(diff).toMatch(/^\+ {3}"[^"]+",?$/m);
    expect(diff).not.toMatch(/\u001b\[/);
    cpSync(join(deps.paths.packageRoot, kata.dir, 'solution', kata.file), file);
    const passing = await checkKata(deps, kata, TODAY);
    expect(passing).toMatchObject({ passed: true, failed: 0 });
    const row = (await listKatas(deps, TODAY, 1)).find((r) => r.kata.id === kata.id)!;
    expect(row).toMatchObject({ status: 'passed', attempts: 2 });
    expect((await nextKata(deps, TODAY))?.kata.id).not.toBe('p1.event-loop-order');
    expect(await solutionOf(deps, kata, false)).toBe(readFileSync(join(deps.paths.packageRoot, kata.dir, 'solution', kata.file), 'utf8'));
  }, 60_000);

  it('reveals hints in order, most general first, then says there are no more', async () => {
    deps = createTestDeps();
    const kata = requireKata(deps, 'p5.lru-cache');
    const shown: (string | null)[] = [];
    for (let i = 0; i <= kata.hints.length; i++) shown.push((await revealHint(deps, kata)).hint);
    expect(shown).toEqual([...kata.hints, null]);
    await expect(solutionOf(deps, kata, false)).rejects.toThrow(/not passed yet/);
    expect(await solutionOf(deps, kata, true)).toContain('export');
  });

  it('reset puts the starter back, keeping the recorded attempts', async () => {
    deps = createTestDeps();
    const kata = requireKata(deps, 'p3.money-value-object');
    const { file } = await startKata(deps, kata, TODAY);
    writeFileSync(file, '// my attempt\n');
    expect((await startKata(deps, kata, TODAY)).existed).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('// my attempt\n');
    const r = await resetKata(deps, kata, TODAY);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(deps.paths.packageRoot, kata.dir, 'starter', kata.file), 'utf8'));
    // The learner's code is kept, timestamped, beside the copies; a second reset of the starter keeps nothing.
    expect(r.backup).toBe(join(deps.paths.defaultWorkspace, 'katas', 'backups', kata.id, '2025-06-12T09-00-00'));
    expect(readFileSync(join(r.backup!, kata.file), 'utf8')).toBe('// my attempt\n');
    expect((await resetKata(deps, kata, TODAY)).backup).toBeNull();
    writeFileSync(file, '// attempt two\n');
    const again = await resetKata(deps, kata, TODAY);
    expect(again.backup).toBe(`${r.backup}-2`);
    expect(readFileSync(join(again.backup!, kata.file), 'utf8')).toBe('// attempt two\n');
    expect(readFileSync(join(r.backup!, kata.file), 'utf8')).toBe('// my attempt\n');
  });

  it('kata reset needs --yes when not on a terminal, and says where the code went', async () => {
    deps = createTestDeps();
    const kata = requireKata(deps, 'p3.money-value-object');
    const { file } = await startKata(deps, kata, TODAY);
    writeFileSync(file, '// mine\n');
    const { makeKataCommand } = await import('../cli/commands/kata.js');
    const reset = (...args: string[]) => makeKataCommand(deps).exitOverride().parseAsync(['reset', kata.id, ...args], { from: 'user' });
    await expect(reset()).rejects.toThrow(new UsageError('kata reset replaces your code with the starter: pass --yes to confirm (`roadmap kata reset p3.money-value-object --yes`); your file is backed up first'));
    expect(readFileSync(file, 'utf8')).toBe('// mine\n');
    await reset('--yes');
    const kept = join(deps.paths.defaultWorkspace, 'katas', 'backups', kata.id, '2025-06-12T09-00-00', kata.file);
    expect(deps.io.stdout()).toBe(`Reset ${kata.id}: ${file}\n  Your code is kept in ${kept}\n`);
    expect(readFileSync(kept, 'utf8')).toBe('// mine\n');
  });

  it.each([
    ['a dangling link (roadmap moved)', (ws: string) => symlinkSync(join(ws, 'gone', 'node_modules'), join(ws, 'katas', 'node_modules'), 'dir'), true],
    ['a link to another node_modules', (ws: string) => symlinkSync(join(ws, 'other'), join(ws, 'katas', 'node_modules'), 'dir'), true],
    ['a folder of the learner’s own', (ws: string) => mkdirSync(join(ws, 'katas', 'node_modules')), false],
  ])('start repairs the node_modules link over %s, or leaves a real folder alone', async (_name, make, relinked) => {
    deps = createTestDeps();
    const ws = deps.paths.defaultWorkspace;
    mkdirSync(join(ws, 'katas'), { recursive: true });
    mkdirSync(join(ws, 'other'));
    make(ws);
    const kata = requireKata(deps, 'p3.money-value-object');
    const { file } = await startKata(deps, kata, TODAY);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(deps.paths.packageRoot, kata.dir, 'starter', kata.file), 'utf8'));
    const link = join(ws, 'katas', 'node_modules');
    if (relinked) expect(readlinkSync(link)).toBe(join(deps.paths.packageRoot, 'node_modules'));
    else expect(lstatSync(link).isDirectory()).toBe(true);
  });

  it('watch re-checks on save until the kata passes', async () => {
    deps = createTestDeps({ runner: execaRunner() });
    const kata = requireKata(deps, 'p3.result-type');
    const { file } = await startKata(deps, kata, TODAY);
    const verdicts: boolean[] = [];
    const done = watchKata(deps, kata, TODAY, (r) => {
      verdicts.push(r.passed);
      if (verdicts.length === 1) cpSync(join(deps.paths.packageRoot, kata.dir, 'solution', kata.file), file);
    });
    const final = await done;
    expect(final?.passed).toBe(true);
    expect(verdicts[0]).toBe(false);
    expect(verdicts.at(-1)).toBe(true);
    // The watcher it started is gone.
    const left = await execa('pgrep', ['-f', `--watch --root ${join(deps.paths.defaultWorkspace, 'katas')}`], { reject: false });
    expect(left.stdout.trim()).toBe('');
  }, 60_000);

  it('rejects an unknown kata with a suggestion, and checking one not started', async () => {
    deps = createTestDeps();
    expect(() => requireKata(deps, 'p1.event-loop-ordr')).toThrow('did you mean p1.event-loop-order?');
    await expect(checkKata(deps, requireKata(deps, 'p2.sql-joins'), TODAY)).rejects.toThrow(/not started: `roadmap kata start p2\.sql-joins`/);
  });
});

it('status counts katas passed per phase', async () => {
  deps = createTestDeps();
  const kata = requireKata(deps, 'p2.sql-joins');
  await (await deps.store()).katas.recordCheck(kata.id, Date.parse('2025-07-10T09:00:00Z'), true, 0, 500);
  const { getStatus } = await import('../coach/status.js');
  const st = await getStatus(deps, '2025-07-10');
  expect(st.katas.find((k) => k.phase === 2)).toMatchObject({ passed: 1, started: 1, total: 7, attempts: 1 });
  expect(st.katas.find((k) => k.phase === 9)).toMatchObject({ passed: 0, total: 0 });
});

it('a failing check on a terminal offers a flashcard made of the failing test and the learner’s rule', async () => {
  deps = createTestDeps({ runner: execaRunner(), answers: ['y', 'Sync code first, then nextTick, then promises.'] });
  Object.assign(deps.io, { isTTY: true });
  const { makeKataCommand } = await import('../cli/commands/kata.js');
  await startKata(deps, requireKata(deps, 'p1.event-loop-order'), TODAY);
  await expect(makeKataCommand(deps).exitOverride().parseAsync(['check', 'p1.event-loop-order'], { from: 'user' })).rejects.toThrow(/failing/);
  const cards = await (await deps.store()).cards.userCards();
  expect(cards).toHaveLength(1);
  expect(cards[0]).toMatchObject({ back: 'Sync code first, then nextTick, then promises.', tags: expect.stringContaining('phase-1') });
  expect(cards[0]!.front).toMatch(/^Predict the event loop .*: .* — what is the rule\?$/);
}, 60_000);

it('kata check prints the diff, coloured only when colour is on', async () => {
  deps = createTestDeps({ runner: execaRunner() });
  const { makeKataCommand } = await import('../cli/commands/kata.js');
  await startKata(deps, requireKata(deps, 'p1.event-loop-order'), TODAY);
  const check = () => makeKataCommand(deps).exitOverride().parseAsync(['check', 'p1.event-loop-order'], { from: 'user' });
  await expect(check()).rejects.toThrow(/^p1\.event-loop-order: \d+ tests? failing$/);
  const plain = deps.io.stdout();
  expect(plain).toMatch(/^✗ failing p1\.event-loop-order: \d+ of \d+ tests failed\n/);
  expect(plain).toMatch(/\n {4}- Expected\n {4}\+ Received\n\n/);
  expect(plain).not.toMatch(/\u001b\[/);
  Object.assign(deps.io, { color: true });
  await expect(check()).rejects.toThrow(/failing/);
  const coloured = deps.io.stdout().slice(plain.length);
  expect(coloured).toContain('\u001b[32m- Expected\u001b[39m');
  expect(coloured).toMatch(/\u001b\[31m\+ {3}"/);
}, 60_000);

describe('the kata list', () => {
  const T0 = Date.parse('2025-06-12T08:00:00');
  const min = 60_000;
  async function history(d: TestDeps): Promise<void> {
    const k = (await d.store()).katas;
    await k.start('p1.event-loop-order', T0);
    await k.recordCheck('p1.event-loop-order', T0 + 10 * min, false, 2, 900);
    await k.recordCheck('p1.event-loop-order', T0 + 35 * min, true, 0, 800);
    await k.start('p1.yield-to-event-loop', T0 + 1 * min);
    await k.start('p1.stream-backpressure', T0 + 2 * min);
    await k.recordCheck('p1.stream-backpressure', T0 + 5 * min, false, 1, 700);
    await k.recordCheck('p1.stream-backpressure', T0 + 20 * min, false, 1, 700);
    await k.start('p2.sql-joins', T0 + 3 * min);
  }
  const list = async (...args: string[]) => {
    const { makeKataCommand } = await import('../cli/commands/kata.js');
    const before = deps.io.stdout().length;
    await makeKataCommand(deps).exitOverride().parseAsync(args, { from: 'user' });
    return deps.io.stdout().slice(before);
  };

  it('shows the learner’s phase with a legend, a mark per status and the time from the first check to the pass', async () => {
    deps = createTestDeps();
    await history(deps);
    const lines = (await list()).trimEnd().split('\n');
    expect(lines[0]).toBe('Phase 1 katas (your phase; --all for every phase)');
    expect(lines[1]).toMatch(/^\s+kata\s+title\s+size\s+checks\s+first check → pass$/);
    const row = (id: string) => lines.find((l) => l.includes(` ${id} `)) ?? '';
    expect(row('p1.event-loop-order')).toMatch(/^✓ .* 2 checks\s+25 min$/);
    expect(row('p1.yield-to-event-loop')).toMatch(/^○ .*, \d+ min$/);
    expect(row('p1.stream-backpressure')).toMatch(/^✗ .* 2 checks\s+15 min so far$/);
    expect(row('p1.abort-signal')).toMatch(/^· /);
    expect(lines).toHaveLength(1 + 1 + 8 + 1);
    expect(lines.at(-1)).toBe('· not started  ○ started, not checked  ✗ failed its last check  ✓ passed');
    expect(lines.join('\n')).not.toContain('p2.');
  });

  it('--all lists every phase, --phase N one, and both at once is a usage error', async () => {
    deps = createTestDeps();
    await history(deps);
    const all = await list('--all');
    expect(all.split('\n')[0]).toBe('Every kata');
    expect(all).toMatch(/\n○ +p2\.sql-joins /);
    expect(all).toContain('p8.');
    const two = await list('--phase', '2');
    expect(two.split('\n')[0]).toBe('Phase 2 katas');
    expect(two).not.toContain('p1.');
    await expect(list('--all', '--phase', '2')).rejects.toThrow(UsageError);
    const json = JSON.parse(await list('--json'));
    expect(json.find((r: { id: string }) => r.id === 'p1.event-loop-order')).toMatchObject({ status: 'passed', attempts: 2, checkingMs: 25 * min });
    expect(json.find((r: { id: string }) => r.id === 'p1.yield-to-event-loop')).toMatchObject({ status: 'started', attempts: 0, checkingMs: null });
  });

  it('right after a pass, hint and solution default to that kata; check to the last one in progress', async () => {
    deps = createTestDeps();
    await history(deps);
    const solution = await list('solution');
    expect(solution).toBe(readFileSync(join(deps.paths.packageRoot, requireKata(deps, 'p1.event-loop-order').dir, 'solution', requireKata(deps, 'p1.event-loop-order').file), 'utf8'));
    expect(await list('hint')).toMatch(/^Hint 1 of \d+: /);
    expect((await (await deps.store()).katas.records()).get('p1.event-loop-order')?.hints_revealed).toBe(1);
    const { currentKata } = await import('./kata-engine.js');
    expect((await currentKata(deps, TODAY)).id).toBe('p1.stream-backpressure');
  });
});
