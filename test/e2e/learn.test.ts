import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());

describe('the Monday–Wednesday material from the command line', () => {
  it('today --json names the slot’s document', async () => {
    const t = JSON.parse((await box.run(['today', '--date', '2025-06-18', '--json'])).stdout);
    expect(t.material).toMatchObject({ slot: 'docs', minutes: 30, path: expect.stringMatching(/curriculum\/phase-1\/week-1\/docs\.md$/) });
  });

  it('open prints the note when piped', async () => {
    const r = await box.run(['open', 'theory', '--phase', '2', '--week', '1']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: /);
    expect(r.stdout).toContain('## Self-check');
  });

  it('learn check records answers typed on stdin, and status counts them', async () => {
    const r = await execa('node', [BIN, 'learn', 'check', '--phase', '1', '--week', '2'], {
      input: '\ny\n\ny\n\nn\n',
      env: { HOME: box.home, ROADMAP_HOME: `${box.home}/state`, NO_COLOR: '1' },
      extendEnv: false,
      reject: false,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Stopped: 2 of 3 right');
    expect(r.stderr).toContain('Q1/');
    const status = JSON.parse((await box.run(['status', '--json'])).stdout);
    expect(status.selfChecks.find((s: { phase: number }) => s.phase === 1)).toMatchObject({ answered: 3, correct: 2 });
    expect((await box.run(['learn', '--phase', '1'])).stdout).toMatch(/1\.2 .* 3\/5 \(2 right\)/);
  });

  it.each([
    [['open', 'gym'], /^roadmap: unknown slot "gym": choose theory, code-along, docs$/],
    [['learn', '--phase', '1', '--week', '5'], /^roadmap: unknown week 5 of phase 1: it has weeks 1–4$/],
    [['open', '--date', '2025-06-19'], /^roadmap: today's slot is katas, which has no reading/],
  ])('%j is a usage error', async (args, pattern) => {
    const r = await box.run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toMatch(pattern);
  });
});
