import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadWeek, weeksOnDisk } from '../../src/content/curriculum.js';
import { readMaterial } from '../../src/content/material.js';
import { plan, ROOT, weeksPerPhase } from './content-root.js';

const weeks = plan.phases.flatMap((p) => Array.from({ length: weeksPerPhase.get(p.number)! }, (_, i) => [p.number, i + 1] as const));

describe('the Monday–Wednesday material', () => {
  it('covers every week of the plan (31 weeks) and no week outside it', () => {
    expect(weeks).toHaveLength(31);
    for (const p of plan.phases) expect(weeksOnDisk(ROOT, p.number)).toEqual(Array.from({ length: weeksPerPhase.get(p.number)! }, (_, i) => i + 1));
  });

  it.each(weeks)('phase %i week %i has theory with a self-check, a tested code-along and a docs deep-dive', (phase, week) => {
    const w = loadWeek(ROOT, phase, week);
    expect(w.selfCheck.length).toBeGreaterThanOrEqual(3);
    expect(w.selfCheck.length).toBeLessThanOrEqual(5);
    for (const item of w.selfCheck) {
      expect(item.question).toMatch(/\?|:|\.$/);
      expect(item.answer.length).toBeGreaterThan(20);
    }
    expect(w.codeAlong.body).toMatch(/^## Step 1\b/m);
    expect(w.docs.body).toMatch(/^## Questions/m);
    const files = readdirSync(join(ROOT, w.codeAlongDir), { recursive: true }).map(String);
    expect(files.some((f) => /(\.test\.ts|_test\.go)$/.test(f)), `${w.codeAlongDir} has tests`).toBe(true);
    for (const doc of [w.theory, w.codeAlong, w.docs]) expect(doc.body.split(/\s+/).length, doc.file).toBeGreaterThan(250);
  });

  const goDirs = weeks.map(([p, k]) => `curriculum/phase-${p}/week-${k}/code-along`).filter((d) => existsSync(join(ROOT, d, 'go.mod')));
  it.each(goDirs)('the Go code-along %s passes go test', async (dir) => {
    const r = await execa('go', ['test', '-count=1', './...'], { cwd: join(ROOT, dir), reject: false, env: { GOFLAGS: '-mod=mod' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it('has Go code-alongs for the polyglot phase', () => {
    expect(goDirs.some((d) => d.startsWith('curriculum/phase-8/'))).toBe(true);
  });
});

describe('the fast front matter reader used by `roadmap today`', () => {
  it.each(weeks)('agrees with the full loader for phase %i week %i', (phase, week) => {
    const w = loadWeek(ROOT, phase, week);
    for (const doc of [w.theory, w.codeAlong, w.docs]) {
      expect(readMaterial(ROOT, doc.slot, phase, week)).toMatchObject({ title: doc.title, minutes: doc.minutes, file: doc.file });
    }
  });
});
