import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { BIN, cliSandbox } from './run-cli.js';
import { terminalSandbox, ttyModes } from './terminal.js';

// The prompts on a terminal, where stdin is a pty that nobody closes: the piped tests cannot see a hang.
const box = cliSandbox();
const term = terminalSandbox({ HOME: box.home, ROADMAP_HOME: join(box.home, 'state') });
afterAll(() => {
  term.dispose();
  box.dispose();
});

describe('learn check on a terminal', () => {
  it('takes y/n as one key, ends after the last question without waiting for Ctrl-D, and leaves the terminal as it was', async () => {
    const t = term.run(['learn', 'check', '--phase', '1', '--week', '1']);
    for (let q = 1; q <= 5; q++) {
      await t.until('press Enter to see the model answer.', q);
      t.keys('Enter');
      await t.until('Did you get it? [y/n]', q);
      t.keys(q === 2 ? 'n' : 'y'); // no Enter
    }
    expect(await t.exited()).toBe(0);
    expect(t.screen()).toContain('Done: 4 of 5 right.');
    expect(ttyModes(t.screen())).toEqual({ canonical: true, echo: true });
  });

  it('resumes at the first unanswered question; Ctrl-C at y/n stops it with the answers kept', async () => {
    const first = term.run(['learn', 'check', '--phase', '1', '--week', '2']);
    await first.until('press Enter to see the model answer.');
    first.keys('Enter');
    await first.until('Did you get it? [y/n]');
    first.keys('y');
    await first.until('press Enter to see the model answer.', 2);
    first.keys('C-d');
    expect(await first.exited()).toBe(0);
    expect(first.screen()).toMatch(/Stopped: 1 of 1 right \(\d+ left; run it again to finish\)\./);

    const again = term.run(['learn', 'check', '--phase', '1', '--week', '2']);
    await again.until('Resuming at Q2: 1 of');
    await again.until('press Enter to see the model answer.');
    expect(again.screen()).toMatch(/\nQ2\/\d+\. /);
    expect(again.screen()).not.toMatch(/\nQ1\/\d+\. /);
    again.keys('Enter');
    await again.until('Did you get it? [y/n]');
    again.keys('C-c');
    expect(await again.exited()).toBe(0);
    expect(again.screen()).toContain('Stopped: 1 of 1 right');
    expect(ttyModes(again.screen())).toEqual({ canonical: true, echo: true });
  });

  it('a SIGTERM while waiting for the y/n key still gives the terminal back in cooked mode', async () => {
    const t = term.run(['learn', 'check', '--phase', '1', '--week', '3']);
    await t.until('press Enter to see the model answer.');
    t.keys('Enter');
    await t.until('Did you get it? [y/n]');
    process.kill(t.roadmapPid(), 'SIGTERM');
    const code = await t.exited();
    expect(code, t.screen()).toBe(143);
    expect(ttyModes(t.screen())).toEqual({ canonical: true, echo: true });
  });
});

describe('learn check piped', () => {
  it('reads y/n as lines and ends after the last question even while the pipe stays open', async () => {
    const child = execa('node', [BIN, 'learn', 'check', '--phase', '2', '--week', '1'], { env: { HOME: box.home, ROADMAP_HOME: join(box.home, 'state'), NO_COLOR: '1' }, extendEnv: false, stdin: 'pipe', reject: false, timeout: 20_000 });
    child.stdin!.write('\ny\n\nyes\n\nn\n\ny\n\ny\n'); // and never closed
    const r = await child;
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Done: 4 of 5 right.');
  });
});

describe('kata check on a terminal', () => {
  it('offers a flashcard for the failure, takes y as one key, adds the card and exits 3 at once', async () => {
    expect((await box.run(['kata', 'start', 'p1.event-loop-order'])).exitCode).toBe(0);
    const t = term.run(['kata', 'check', 'p1.event-loop-order']);
    await t.until('Turn this mistake into a flashcard? [y/N]');
    t.keys('y');
    await t.until('The rule you missed, in your own words:');
    t.type('Sync first, then nextTick, then promises.');
    t.keys('Enter');
    expect(await t.exited()).toBe(3);
    expect(t.screen()).toMatch(/Added u\.[\w-]+; `roadmap drill` will ask it\./);
    expect(t.screen()).toContain('roadmap: p1.event-loop-order: ');
    const out = join(box.home, 'own-cards.txt');
    expect((await box.run(['cards', 'export', out, '--own'])).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Sync first, then nextTick, then promises.');
  });

  it('declining the offer with one key exits 3 without waiting', async () => {
    const t = term.run(['kata', 'check', 'p1.event-loop-order']);
    await t.until('Turn this mistake into a flashcard? [y/N]');
    t.keys('n');
    expect(await t.exited()).toBe(3);
  });
});

describe('kata reset on a terminal', () => {
  it('asks before replacing the learner’s code; n leaves it, y resets it and says where the code was kept', async () => {
    const start = await box.run(['kata', 'start', 'p3.money-value-object']);
    const file = /: (.+)$/.exec(start.stdout.trim())![1]!;
    writeFileSync(file, '// my own money\n');
    const no = term.run(['kata', 'reset', 'p3.money-value-object']);
    await no.until('with the starter? It is backed up first. [y/N]');
    no.keys('n');
    expect(await no.exited()).toBe(0);
    expect(no.screen()).toContain('Left as it was.');
    expect(readFileSync(file, 'utf8')).toBe('// my own money\n');

    const yes = term.run(['kata', 'reset', 'p3.money-value-object']);
    await yes.until('[y/N]');
    yes.keys('y');
    expect(await yes.exited()).toBe(0);
    const kept = /Your code is kept in (\S+)/.exec(yes.screen())![1]!;
    expect(kept).toMatch(/katas\/backups\/p3\.money-value-object\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\//);
    expect(readFileSync(kept, 'utf8')).toBe('// my own money\n');
    expect(readFileSync(file, 'utf8')).not.toContain('my own money');
  });
});
