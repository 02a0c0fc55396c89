import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createTestDeps, disposeForgottenTestDeps, sweepHomesOfDeadTestProcesses } from './test-deps.js';

describe('test deps leave no temp folder behind', () => {
  it('one a test forgot to dispose is disposed after its file (what test-setup.ts does), cleanups run', async () => {
    const deps = createTestDeps();
    let stopped = false;
    deps.lifecycle.defer(() => void (stopped = true), 'a service the test did not stop');
    await deps.store();
    expect(existsSync(deps.paths.home)).toBe(true);
    expect(await disposeForgottenTestDeps()).toBe(1);
    expect(existsSync(deps.paths.home)).toBe(false);
    expect(stopped).toBe(true);
    expect(await disposeForgottenTestDeps()).toBe(0);
  });

  it('the homes of a test process that was killed are swept by the next one, never those of a live one', async () => {
    const dead = (await execa('sh', ['-c', 'echo $$'])).stdout.trim();
    const deadHome = join(tmpdir(), `roadmap-test-${dead}-swept`);
    const liveHome = join(tmpdir(), `roadmap-test-${process.pid}-kept`);
    mkdirSync(deadHome, { recursive: true });
    mkdirSync(liveHome, { recursive: true });
    try {
      sweepHomesOfDeadTestProcesses();
      expect(existsSync(deadHome)).toBe(false);
      expect(existsSync(liveHome)).toBe(true);
    } finally {
      rmSync(deadHome, { recursive: true, force: true });
      rmSync(liveHome, { recursive: true, force: true });
    }
  });
});
