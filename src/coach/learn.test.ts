import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { createTestDeps, stubRunner, type TestDeps } from '../system/test-deps.js';
import { listWeeks, runSelfCheck, selfCheckByPhase } from './learn.js';
import { getStatus } from './status.js';
import { getToday } from './today.js';
import { openRun, resolveMaterial } from '../cli/commands/open.js';

let deps: TestDeps;
afterEach(() => deps.dispose());

describe('the week material', () => {
  it('is what today shows on Monday to Wednesday, and nothing on Thursday', async () => {
    deps = createTestDeps();
    const mon = await getToday(deps, '2025-06-16');
    expect(mon.material).toMatchObject({ slot: 'theory', phase: 1, week: 1, file: 'curriculum/phase-1/week-1/theory.md' });
    expect((await getToday(deps, '2025-06-17')).material).toMatchObject({ slot: 'code-along', codeDir: expect.stringContaining('week-1/code-along') });
    expect((await getToday(deps, '2025-06-19')).material).toBeNull();
  });

  it('lists all 31 weeks with their three documents', async () => {
    deps = createTestDeps();
    const weeks = await listWeeks(deps);
    expect(weeks).toHaveLength(31);
    expect(weeks.every((w) => w.materials.map((m) => m.slot).join() === 'theory,code-along,docs')).toBe(true);
  });

  it('resolves `open` to today’s slot or a named week, and rejects unknown ones', async () => {
    deps = createTestDeps({ now: '2025-06-18T09:00:00' });
    expect(await resolveMaterial(deps, undefined, {})).toMatchObject({ slot: 'docs', phase: 1, week: 1 });
    expect(await resolveMaterial(deps, 'theory', { phase: 7, week: 5 })).toMatchObject({ slot: 'theory', phase: 7, week: 5 });
    await expect(resolveMaterial(deps, 'theory', { phase: 8, week: 3 })).rejects.toThrow('unknown week 3 of phase 8: it has weeks 1–2');
    await expect(resolveMaterial(deps, undefined, { date: '2025-06-19' })).rejects.toBeInstanceOf(UsageError);
  });

  it('pages the note with $PAGER on a terminal', async () => {
    const runner = stubRunner({ more: {} });
    deps = createTestDeps({ now: '2025-06-16T09:00:00', runner, env: { PAGER: 'more' } });
    Object.assign(deps.io, { isTTY: true });
    await openRun(deps, undefined, {});
    expect(runner.interactiveCalls).toEqual([['more', expect.stringMatching(/curriculum\/phase-1\/week-1\/theory\.md$/)]]);
  });
});

describe('self-check', () => {
  it('records each verdict as it is given and keeps them when the learner stops half-way', async () => {
    deps = createTestDeps({ answers: ['', 'y', '', 'maybe', 'n'] });
    const shown: string[] = [];
    const run = await runSelfCheck(deps, { phase: 1, week: 1 }, (t) => shown.push(t));
    expect(run).toMatchObject({ stopped: true, answers: [{ question: 1, correct: true }, { question: 2, correct: false }] });
    expect(shown.join('')).toContain('Q1/5.');
    expect((await selfCheckByPhase(deps)).get(1)).toEqual({ total: 20, answered: 2, correct: 1 });
    const status = await getStatus(deps, '2025-06-16');
    expect(status.selfChecks.find((s) => s.phase === 1)).toMatchObject({ answered: 2, correct: 1 });
  });

  it('counts a question once, by its latest answer', async () => {
    deps = createTestDeps({ answers: ['', 'n', '', 'n', '', 'n', '', 'n', '', 'n'] });
    await runSelfCheck(deps, { phase: 2, week: 1 }, () => {});
    expect((await listWeeks(deps, 2))[0]!.selfCheck).toMatchObject({ answered: 5, correct: 0 });
    const answers = ['', 'y'];
    Object.assign(deps.io, { ask: async () => answers.shift() ?? null, readKey: async () => answers.shift() ?? null });
    expect(await runSelfCheck(deps, { phase: 2, week: 1 }, () => {})).toMatchObject({ from: 1, answers: [{ question: 1, correct: true }] });
    expect((await listWeeks(deps, 2))[0]!.selfCheck).toMatchObject({ answered: 5, correct: 1 });
  });

  it('resumes at the first unanswered question, and the command reports the whole week', async () => {
    deps = createTestDeps({ answers: ['', 'y', '', 'n'] });
    const first = await runSelfCheck(deps, { phase: 1, week: 1 }, () => {});
    expect(first).toMatchObject({ from: 1, stopped: true });
    const answers = ['', 'y', '', 'y', '', 'n'];
    Object.assign(deps.io, { ask: async () => answers.shift() ?? null, readKey: async () => answers.shift() ?? null });
    const shown: string[] = [];
    const second = await runSelfCheck(deps, { phase: 1, week: 1 }, (t) => shown.push(t));
    expect(second).toMatchObject({ from: 3, stopped: false, answers: [{ question: 3 }, { question: 4 }, { question: 5 }], earlier: [{ question: 1, correct: true }, { question: 2, correct: false }] });
    expect(shown.join('')).not.toContain('Q1/5.');
    expect(shown.join('')).toContain('Resuming at Q3: 2 of 5 already answered.');
    expect((await listWeeks(deps, 1))[0]!.selfCheck).toEqual({ total: 5, answered: 5, correct: 3 });
    // Every question answered: the next run is a new round from Q1, and the one after resumes it at Q2.
    const round = ['', 'y'];
    Object.assign(deps.io, { ask: async () => round.shift() ?? null, readKey: async () => round.shift() ?? null });
    const { learnCheckRun } = await import('../cli/commands/learn.js');
    await learnCheckRun(deps, { phase: 1, week: 1 });
    expect(deps.io.stdout()).toBe('Stopped: 1 of 1 right (4 left; run it again to finish).\n');
    Object.assign(deps.io, { ask: async () => null, readKey: async () => null });
    expect(await runSelfCheck(deps, { phase: 1, week: 1 }, () => {})).toMatchObject({ from: 2, earlier: [{ question: 1, correct: true }] });
  });
});
