import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox } from './run-cli.js';

// The study coach from the command line, as a new learner meets it (Wed 2 Dec 2026 on the pinned clock).
beforeAll(() => {
  if (!existsSync(join(BIN, '../../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
});

const WED = '2026-12-02T08:00:00';

describe('a plain `roadmap init`', () => {
  const box = cliSandbox();
  afterAll(() => box.dispose());

  it('starts the plan on the coming Monday and says how to choose', async () => {
    const r = await box.run(['init'], { now: WED });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Profile created: 2026-12-07 → 2027-06-26');
    expect(r.stdout).toContain('Your plan starts Monday 7 Dec 2026; `--start DATE` to choose.');
    const today = JSON.parse((await box.run(['today', '--json'], { now: WED })).stdout);
    expect(today).toMatchObject({ state: 'not-started', daysToGo: 5, planStart: '2026-12-07', next: [{ command: 'roadmap init --start today --force' }] });
  });

  it('--start still chooses, and --help says what the default is', async () => {
    const other = cliSandbox();
    try {
      const r = await other.run(['init', '--start', '2027-01-04', '--json'], { now: WED });
      expect(JSON.parse(r.stdout)).toMatchObject({ planStart: '2027-01-04', defaultStart: false });
    } finally {
      other.dispose();
    }
    expect((await box.run(['init', '--help'])).stdout).toMatch(/default: the\s+coming Monday, today on a Monday/);
  });
});

describe('status, replan, today and report agree, and honour --date', () => {
  const box = cliSandbox();
  afterAll(() => box.dispose());

  it('after one frozen day, every command projects the same end', async () => {
    await box.run(['init', '--start', '2026-11-23'], { now: '2026-11-23T08:00:00' });
    for (const day of ['23', '24', '25']) {
      await box.run(['start'], { now: `2026-11-${day}T09:00:00` });
      await box.run(['stop'], { now: `2026-11-${day}T09:31:00` });
    }
    await box.run(['freeze', '--date', '2026-11-26'], { now: '2026-11-27T09:00:00' });
    // A session after the day asked about must not count in it.
    await box.run(['start', '--date', '2026-11-28'], { now: '2026-11-28T09:00:00' });
    await box.run(['stop'], { now: '2026-11-28T09:40:00' });
    const now = '2026-11-30T10:00:00';
    const at = ['--date', '2026-11-27', '--json'];
    const status = JSON.parse((await box.run(['status', ...at], { now })).stdout);
    const dry = JSON.parse((await box.run(['replan', '--dry-run', ...at], { now })).stdout);
    const today = JSON.parse((await box.run(['today', ...at], { now })).stdout);
    const report = JSON.parse((await box.run(['report', ...at], { now })).stdout);
    // 174 study days from Mon 23 Nov 2026 end Sat 12 Jun 2027; the frozen Thursday is still owed: Mon 14 Jun.
    expect(status).toMatchObject({ plannedEnd: '2027-06-12', projectedEnd: '2027-06-14', totals: { done: 3 } });
    expect(dry).toMatchObject({ oldEnd: '2027-06-12', newEnd: '2027-06-14' });
    expect(today).toMatchObject({ planEnd: '2027-06-12', projectedEnd: '2027-06-14', backlog: 1 });
    expect(report).toMatchObject({ plan: { projectedEnd: '2027-06-14', studyDaysDone: 3 }, totalMinutes: 93 });
  });
});

describe('sessions from the command line', () => {
  const box = cliSandbox();
  afterAll(() => box.dispose());

  it('a forgotten timer is logged at the day’s target with a note on stderr, not 180 min', async () => {
    await box.run(['init', '--start', '2026-12-07'], { now: WED });
    await box.run(['start'], { now: '2026-12-07T09:00:00' });
    const today = await box.run(['today'], { now: '2026-12-07T17:00:00' });
    expect(today.stdout).toContain('roadmap stop --minutes 30  the timer of Mon 7 Dec 2026 has run 8 h');
    const stop = await box.run(['stop', '--json'], { now: '2026-12-07T17:00:00' });
    expect(stop.exitCode).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({ minutes: 30, ranMinutes: 480, capped: true });
    expect(stop.stderr).toMatch(/^roadmap: the timer of Mon 7 Dec 2026 ran 8 h with nothing recorded: logged 30 min, the day's target, not 8 h\. .*`roadmap stop --minutes N`/);
  });

  it('stop --minutes out of range is a one-line usage error', async () => {
    await box.run(['start'], { now: '2026-12-08T09:00:00' });
    const r = await box.run(['stop', '--minutes', '90'], { now: '2026-12-08T09:20:00' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('roadmap: bad --minutes 90: the timer has run 20 min, so log a whole number from 0 to 20');
    expect((await box.run(['stop', '--minutes', '15'], { now: '2026-12-08T09:20:00' })).stdout).toContain('Stopped: 15 min logged for Tue 8 Dec 2026 (your figure).');
  });
});

describe('cards', () => {
  const box = cliSandbox();
  afterAll(() => box.dispose());
  const now = '2025-06-13T09:00:00';

  it('stats show the reviews due and the new cards of today apart', async () => {
    const r = await box.run(['cards', 'stats'], { now });
    expect(r.stdout).toMatch(/^Today: 0 cards due \(0 reviews, 0 learning\) · 20 new cards \(limit 20 a day\) — roadmap drill$/m);
    expect(JSON.parse((await box.run(['cards', 'stats', '--json'], { now })).stdout).today).toEqual({ learning: 0, review: 0, new: 20 });
  });

  it('add rejects a phase the plan does not have, in one line, and adds nothing', async () => {
    const total = async (): Promise<number> => JSON.parse((await box.run(['cards', 'stats', '--json'], { now })).stdout).total;
    const before = await total();
    const r = await box.run(['cards', 'add', '--front', 'Q?', '--back', 'A.', '--tags', 'postgres,phase-99'], { now });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('roadmap: tag "phase-99": there is no phase 99, phases are 1–9 (e.g. phase-2)');
    expect(await total()).toBe(before);
    const ok = await box.run(['cards', 'add', '--front', 'Q?', '--back', 'A.', '--tags', 'postgres,phase-1'], { now });
    expect(ok.stdout).toMatch(/^Added u\.\w+; `roadmap drill` asks it before the decks' new cards \(from phase-1 on\)\.$/m);
    expect(await total()).toBe(before + 1);
  });
});
