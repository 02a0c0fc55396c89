import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());

beforeAll(() => {
  if (!existsSync(join(BIN, '../../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
});

/** A user mistake: exit code, one line on stderr, no stack trace. */
function expectOneLineError(r: { exitCode: number; stderr: string }, code: number, pattern: RegExp): void {
  expect(r.exitCode).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('roadmap today', () => {
  it('prints the seed’s first day as JSON with the documented keys', async () => {
    const r = await box.run(['today', '--date', '2025-06-12', '--json']);
    expect(r.exitCode).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t).toMatchObject({
      date: '2025-06-12',
      studyDay: true,
      slot: 'katas',
      phase: { number: 1, title: 'Language & Runtime Mastery' },
      week: 1,
      minutesDone: 0,
      minutesTarget: 30,
      streak: 0,
      backlog: 0,
    });
  });

  it('is what `roadmap` with no arguments prints', async () => {
    const r = await box.run([], { now: '2025-06-16T08:00:00' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Mon 16 Jun 2025 · Phase 1 — Language & Runtime Mastery · week 1');
    expect(r.stdout).toContain('Theory:');
  });

  it('says a Sunday is a rest day and the plan has not started or has ended', async () => {
    expect((await box.run(['today', '--date', '2025-06-15'])).stdout).toContain('Rest day.');
    expect((await box.run(['today', '--date', '2025-06-01'])).stdout).toContain('11 days to go');
    expect((await box.run(['today', '--date', '2026-01-01'])).stdout).toContain('the plan ended Wed 31 Dec 2025');
  });
});

describe('a study day from the command line', () => {
  const s = cliSandbox();
  afterAll(() => s.dispose());

  it('init, start, a crash-proof resume, stop, then status counts the day', async () => {
    expect((await s.run(['init', '--start', '2025-06-12'], { now: '2025-06-12T08:00:00' })).exitCode).toBe(0);
    expect((await s.run(['start'], { now: '2025-06-12T09:00:00' })).stdout).toContain('Started');
    // A second terminal (or a restart after a crash) finds the same session.
    const again = await s.run(['start', '--json'], { now: '2025-06-12T09:20:00' });
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already-running', startedAt: new Date('2025-06-12T09:00:00').toISOString() });
    const today = JSON.parse((await s.run(['today', '--json'], { now: '2025-06-12T09:20:00' })).stdout);
    expect(today).toMatchObject({ minutesDone: 20, minutesLeft: 10, session: { state: 'running' } });
    const stop = await s.run(['stop'], { now: '2025-06-12T09:31:00' });
    expect(stop.stdout).toContain('Stopped: 31 min logged');
    expect(stop.stdout).toContain('Day complete');
    const status = JSON.parse((await s.run(['status', '--json'], { now: '2025-06-13T09:00:00' })).stdout);
    expect(status.totals).toMatchObject({ done: 1, total: 174 });
    const next = JSON.parse((await s.run(['today', '--json'], { now: '2025-06-13T09:00:00' })).stdout);
    expect(next).toMatchObject({ streak: 1, streakAtRisk: true, slot: 'flashcards' });
  });

  it('freezes a missed day so the streak survives, and replans the backlog', async () => {
    expect((await s.run(['freeze', '--date', '2025-06-13'], { now: '2025-06-16T09:00:00' })).stdout).toContain('1 of 2 freezes used');
    const t = JSON.parse((await s.run(['today', '--json'], { now: '2025-06-16T09:00:00' })).stdout);
    expect(t).toMatchObject({ backlog: 2, backlogDates: ['2025-06-13', '2025-06-14'] });
    const dry = JSON.parse((await s.run(['replan', '--dry-run', '--json'], { now: '2025-06-16T09:00:00' })).stdout);
    expect(dry).toMatchObject({ applied: false, oldEnd: '2025-12-31', newEnd: '2026-01-02' });
    expect((await s.run(['replan'], { now: '2025-06-16T09:00:00' })).stdout).toContain('Replanned');
    const after = JSON.parse((await s.run(['today', '--json'], { now: '2025-06-16T09:00:00' })).stdout);
    expect(after).toMatchObject({ backlog: 0, planEnd: '2026-01-02' });
  });

  it('checks tasks and shows them in status', async () => {
    expect((await s.run(['task', 'check', 'p1.event-loop-diagram'])).stdout).toContain('Checked p1.event-loop-diagram');
    const list = JSON.parse((await s.run(['task', 'list', '--phase', '1', '--json'])).stdout);
    expect(list.find((t: { id: string }) => t.id === 'p1.event-loop-diagram').checked).toBe(true);
  });

  it('refuses to overwrite the profile silently', async () => {
    expectOneLineError(await s.run(['init', '--start', '2026-01-05']), 1, /^roadmap: a profile already exists .*--force/);
  });
});

describe('user mistakes get one line and the documented exit code', () => {
  it.each([
    [['today', '--date', '2025-13-01'], 2, /^roadmap: bad date "2025-13-01" for --date: expected YYYY-MM-DD/],
    [['todya'], 2, /^roadmap: unknown command 'todya'/],
    [['task', 'list', '--phase', '12'], 2, /^roadmap: unknown phase 12: phases are 1–9$/],
    [['task', 'check', 'p2.redis-cach'], 2, /^roadmap: unknown task "p2.redis-cach" — did you mean p2.redis-cache\?/],
    [['task', 'list', '--phase', 'two'], 2, /^roadmap: option '--phase <n>' argument 'two' is invalid/],
    [['stop'], 1, /^roadmap: no session is running; start one with `roadmap start`$/],
    [['init', '--minutes', '1'], 2, /^roadmap: option '--minutes <n>' argument '1' is invalid/],
  ])('%j', async (args, code, pattern) => {
    expectOneLineError(await box.run(args as string[]), code as number, pattern as RegExp);
  });

  it('an unwritable ROADMAP_HOME', async () => {
    const blocker = join(box.home, 'blocker');
    writeFileSync(blocker, '');
    const r = await box.run(['today'], { env: { ROADMAP_HOME: join(blocker, 'state') } });
    expectOneLineError(r, 1, /^roadmap: cannot open the store at .*; set ROADMAP_HOME to a writable folder$/);
  });
});

describe('pipes', () => {
  it('exits quietly when the reader is gone (| head, | true)', async () => {
    const { execa } = await import('execa');
    // `true` exits before roadmap writes, so the write always meets a closed pipe.
    const r = await execa('bash', ['-c', `node ${BIN} --help | true; echo "status \${PIPESTATUS[0]}"`], { env: { ...process.env, HOME: box.home, ROADMAP_HOME: join(box.home, 'state') }, reject: false });
    expect(r.stdout.trim()).toBe('status 0');
    expect(r.stderr).not.toContain('EPIPE');
  });
});

describe('help and doctor', () => {
  it.each(['today', 'start', 'stop', 'pause', 'status', 'open', 'learn', 'kata', 'drill', 'cards', 'notes', 'task', 'freeze', 'replan', 'init', 'doctor', 'verify', 'run', 'report', 'review'])('`%s --help` teaches with an example', async (cmd) => {
    const r = await box.run([cmd, '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Examples?:\n\s+\$ roadmap /);
  });

  it('`project init --help` teaches with an example', async () => {
    const r = await box.run(['project', 'init', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('$ roadmap project init phase-1');
  });

  it('doctor reports the core as working and each tool found or missing (exit 0)', async () => {
    const r = await box.run(['doctor', '--json']);
    expect(r.exitCode).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.coreOk).toBe(true);
    expect(d.core.find((c: { name: string }) => c.name === 'store').detail).toContain('integrity: ok');
    expect(d.tools.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['git', 'docker', 'go', 'k6', 'kind', 'kubectl', 'terraform', 'ollama', 'chromium']));
    for (const t of d.tools) expect(typeof t.neededFor).toBe('string');
    // The services projects would get: this machine's PATH has a local redis-server and Postgres, and no Docker engine.
    expect(d.services.map((s: { name: string }) => s.name)).toEqual(['postgres', 'redis']);
    for (const s of d.services) expect(s.passedOver[0]).toMatch(/^(DATABASE_URL|REDIS_URL) is not set$/);
  });
});
