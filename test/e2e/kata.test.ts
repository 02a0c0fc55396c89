import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());

describe('roadmap kata', () => {
  it('starts the next kata, a failing check exits 3 with the first failure, and the list shows the try', async () => {
    const next = await box.run(['kata', 'next'], { now: '2025-06-12T09:00:00' });
    expect(next.stdout).toMatch(/^p1\.event-loop-order: /);
    const check = await box.run(['kata', 'check', '--json']);
    expect(check.exitCode).toBe(3);
    const r = JSON.parse(check.stdout);
    expect(r).toMatchObject({ id: 'p1.event-loop-order', passed: false });
    expect(r.firstFailure.message).toMatch(/expected/);
    expect(check.stderr.trim()).toMatch(/^roadmap: p1\.event-loop-order: \d+ tests? failing$/);
    const list = JSON.parse((await box.run(['kata', '--phase', '1', '--json'])).stdout);
    expect(list[0]).toMatchObject({ id: 'p1.event-loop-order', status: 'failing', attempts: 1 });
    expect(list).toHaveLength(8);
  }, 60_000);

  it('an unknown kata is a usage error with a suggestion', async () => {
    const r = await box.run(['kata', 'start', 'p1.event-loop-ordr']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe('roadmap: unknown kata "p1.event-loop-ordr" — did you mean p1.event-loop-order?; `roadmap kata` lists them');
  });
});
