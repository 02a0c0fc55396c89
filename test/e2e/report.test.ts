import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());
const now = '2025-06-12T09:00:00';

describe('roadmap report and review from the command line', () => {
  it('day one: every format is a friendly report, not an error', async () => {
    const text = await box.run(['report'], { now });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain("Day one: nothing to chart yet. Start today's 30 minutes with roadmap start");
    expect(text.stdout).toMatch(/^Mon ·/m);
    const md = await box.run(['report', '--format', 'md', '--out', 'week.md'], { now });
    expect(md.exitCode).toBe(0);
    expect(readFileSync(join(box.home, 'week.md'), 'utf8')).toMatch(/^# Progress report — Mid-Level Backend Roadmap/);
    const html = await box.run(['report', '--format', 'html', '--out', 'site'], { now, env: { PATH: process.env.PATH ?? '' } });
    expect(html.exitCode).toBe(0);
    expect(html.stdout).toContain('Portfolio: ~/site/index.html');
    expect(readFileSync(join(box.home, 'site', 'index.html'), 'utf8')).toContain('<svg');
    const json = JSON.parse((await box.run(['report', '--json'], { now })).stdout) as { empty: boolean; review: { suggestion: { rule: string } } };
    expect(json).toMatchObject({ empty: true, review: { suggestion: { rule: 'start' } } });
  });

  it('after a completed day the report and the review count it', async () => {
    await box.run(['start'], { now: '2025-06-12T09:00:00' });
    await box.run(['stop'], { now: '2025-06-12T09:31:00' });
    const json = JSON.parse((await box.run(['report', '--json'], { now: '2025-06-13T08:00:00' })).stdout) as { totalMinutes: number; streak: { current: number } };
    expect(json).toMatchObject({ totalMinutes: 31, streak: { current: 1 } });
    const review = await box.run(['review'], { now: '2025-06-13T08:00:00' });
    expect(review.exitCode).toBe(0);
    expect(review.stdout).toContain('study days   1 of 3 planned (2 due so far)');
    expect(review.stdout).toContain('minutes      31 of 90');
    expect(review.stdout).toMatch(/Suggestion: your 1-day streak ends tonight without a session\.\n {2}\$ roadmap start/);
  });

  it.each([
    [['report', '--format', 'pdf'], /^roadmap: option '--format <format>' argument 'pdf' is invalid\. Allowed choices are text, md, html\.$/],
    [['report', '--open'], /^roadmap: --open goes with --format html/],
    [['report', '--since', 'someday'], /^roadmap: bad date "someday" for --since/],
    [['report', '--phase', '10'], /^roadmap: unknown phase 10: phases are 1–9$/],
  ])('%j is a usage error in one line (exit 2)', async (args, message) => {
    const r = await box.run(args, { now });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('--help teaches with examples', async () => {
    const r = await box.run(['report', '--help']);
    expect(r.stdout).toContain('$ roadmap report --format html --open');
    expect(existsSync(join(box.home, 'state'))).toBe(true);
  });
});
