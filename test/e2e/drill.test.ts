import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());
const env = { HOME: box.home, ROADMAP_HOME: join(box.home, 'state'), NO_COLOR: '1', ROADMAP_NOW: '2025-06-13T09:00:00' };

describe('roadmap drill', () => {
  it('keeps every grade given before a SIGKILL', async () => {
    const child = execa('node', [BIN, 'drill'], { env, extendEnv: false, reject: false, stdin: 'pipe', stderr: 'pipe' });
    let err = '';
    const graded = new Promise<void>((resolve) => {
      child.stderr!.on('data', (b: Buffer) => {
        err += b.toString();
        // Three cards answered, the fourth shown: kill it while it waits for input.
        if ((err.match(/→ again in/g) ?? []).length === 3 && /Q: [^\n]+\n[^\n]*$/.test(err.split('→ again in').at(-1)!)) resolve();
      });
    });
    child.stdin!.write('\n3\n\n3\n\n1\n');
    await graded;
    child.kill('SIGKILL');
    const r = await child;
    expect(r.signal).toBe('SIGKILL');
    const stats = JSON.parse((await execa('node', [BIN, 'cards', 'stats', '--json'], { env, extendEnv: false })).stdout);
    expect(stats.reviewsPerDay.at(-1)).toEqual({ date: '2025-06-13', reviews: 3 });
    expect(stats.byState.learning + stats.byState.relearning + stats.byState.review).toBe(3);
  });

  it('says so when nothing is due, and reports a summary as JSON', async () => {
    const r = await execa('node', [BIN, 'drill', '--limit', '1', '--json'], { env, extendEnv: false, input: '\n3\n' });
    expect(JSON.parse(r.stdout)).toMatchObject({ reviewed: 1, again: 0, phase: 1 });
  });

  it('rejects an unknown phase as a usage error', async () => {
    const r = await box.run(['drill', '--phase', '10']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe('roadmap: unknown phase 10: phases are 1–9');
  });
});

describe('roadmap cards', () => {
  it('imports an Anki file and exports it back unchanged', async () => {
    const anki = join(box.home, 'anki.txt');
    const out = join(box.home, 'out.txt');
    const text = ['#separator:tab', '#html:false', '#guid column:1', '#tags column:4', 'Ab1\tWhat is a WAL?\tWrite-ahead log: changes are logged before data files\tpostgres phase-2', 'Ab2\t"Two\nlines"\t"a ""quoted"" back"\tredis', ''].join('\n');
    writeFileSync(anki, text);
    const imp = await box.run(['cards', 'import', anki, '--json']);
    expect(JSON.parse(imp.stdout)).toEqual({ added: 2, updated: 0, skipped: 0 });
    expect(JSON.parse((await box.run(['cards', 'import', anki, '--json'])).stdout)).toEqual({ added: 0, updated: 0, skipped: 0 });
    expect((await box.run(['cards', 'export', out, '--own'])).stdout).toContain('Wrote 2 cards');
    expect(readFileSync(out, 'utf8')).toBe(text.replace(/\nAb1/, '\nu.Ab1').replace(/\nAb2/, '\nu.Ab2'));
  });

  it('exports every shipped card with its phase tag', async () => {
    const out = join(box.home, 'all.txt');
    await box.run(['cards', 'export', out, '--phase', '3']);
    const rows = readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('p3.'));
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.every((r) => r.split('\t')[3]!.startsWith('phase-3'))).toBe(true);
  });

  it('gives one line for a missing or malformed file', async () => {
    const bad = join(box.home, 'bad.txt');
    writeFileSync(bad, '#separator:tab\nfront only\n');
    expect((await box.run(['cards', 'import', bad])).stderr.trim()).toBe(`roadmap: ${bad}: note 1: expected at least a front and a back field separated by tab`);
    const r = await box.run(['cards', 'import', join(box.home, 'nope.txt')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toMatch(/^roadmap: cannot read .*nope\.txt \(ENOENT\)/);
  });

  it('adds a card that the next drill shows, and changes the limits', async () => {
    const add = JSON.parse((await box.run(['cards', 'add', '--front', 'Mine?', '--back', 'Yes', '--tags', 'phase-1,own', '--json'])).stdout);
    expect(add.id).toMatch(/^u\./);
    expect(JSON.parse((await box.run(['cards', 'config', '--new-per-day', '5', '--json'])).stdout)).toMatchObject({ newPerDay: 5, reviewsPerDay: 200, retention: 0.9 });
    expect((await box.run(['cards', 'config', '--retention', '2'])).exitCode).toBe(2);
  });
});
