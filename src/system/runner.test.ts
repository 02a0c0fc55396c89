import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { execaRunner } from './runner.js';

const dir = mkdtempSync(join(tmpdir(), 'roadmap-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Processes whose command line is exactly `sleep N`. */
async function alive(marker: number): Promise<string> {
  return (await execa('pgrep', ['-fx', `sleep ${marker}`], { reject: false })).stdout.trim();
}
let next = 3100 + (process.pid % 500) * 10;
const marker = (): number => (next += 10);

describe('the runner’s long-running processes', () => {
  it('stop() ends the process and everything it started, and its output is in the log file', async () => {
    const m = marker();
    const log = join(dir, 'child.log');
    const p = execaRunner().start('bash', ['-c', `echo hello from the child; sleep ${m} & sleep ${m + 1}; wait`], { logFile: log });
    for (let i = 0; i < 50 && !(await alive(m)); i++) await sleep(50);
    expect(await alive(m)).not.toBe('');
    await p.stop();
    expect(await alive(m)).toBe('');
    expect(await alive(m + 1)).toBe('');
    expect(readFileSync(log, 'utf8')).toContain('hello from the child');
  });

  it.each([
    ['exit', 0],
    ['crash', 1],
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('leaves nothing behind when roadmap ends by %s (exit %i)', async (how, code) => {
    const m = marker();
    const fixture = join(import.meta.dirname, 'runner-exit-fixture.ts');
    const child = execa(join(import.meta.dirname, '../../node_modules/.bin/tsx'), [fixture, how === 'exit' || how === 'crash' ? how : 'wait', String(m)], { reject: false, cleanup: false });
    await new Promise<void>((resolve) => child.stdout!.on('data', (b: Buffer) => b.toString().includes('started') && resolve()));
    expect(await alive(m)).not.toBe('');
    if (how === 'SIGTERM' || how === 'SIGINT') child.kill(how);
    const r = await child;
    expect(r.exitCode).toBe(code);
    await sleep(200);
    expect(await alive(m)).toBe('');
    expect(await alive(m + 1)).toBe('');
  }, 20_000);
});
