import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../../src/verify/fixtures/site.js';

// The built binary, as a person runs it (npm test builds it first).
const BIN = join(import.meta.dirname, '..', 'bin', 'scraper.js');

describe('the scraper binary on a signal', () => {
  let site: FixtureSite;
  let dir: string;

  beforeAll(async () => {
    site = await startFixtureSite({ pages: 20_000, seed: 3, slowMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'scraper-signal-'));
  });

  afterAll(async () => {
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s: exit 130, the file ends on a whole line, and the summary says interrupted', async (signal) => {
    const out = join(dir, `${signal}.ndjson`);
    const child = execa('node', [BIN, `${site.url}/docs/p/0`, '--out', out, '--progress', 'json'], { reject: false });
    let stderr = '';
    // Signal it once it has ticked at least once: mid-crawl, with requests in flight.
    await new Promise<void>((resolve) => child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()).includes('"type":"tick"') && resolve()));
    child.kill(signal);
    const r = await child;
    expect(r.exitCode).toBe(130);
    const summary = JSON.parse(String(r.stderr).trim().split('\n').at(-1)!) as { type: string; interrupted: boolean; done: number };
    expect(summary).toMatchObject({ type: 'summary', interrupted: true });
    expect(summary.done).toBeLessThan(20_000);
    const text = await readFile(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('url');
  }, 30_000);
});
