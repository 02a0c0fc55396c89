import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError } from './content-error.js';
import { splitFrontMatter } from './front-matter.js';

import type { MaterialSlot } from './material.js';

export interface SelfCheckItem {
  readonly question: string;
  readonly answer: string;
}

export interface WeekDocument {
  readonly slot: MaterialSlot;
  readonly phase: number;
  readonly week: number;
  /** Path relative to the package root, e.g. curriculum/phase-1/week-2/theory.md. */
  readonly file: string;
  readonly title: string;
  readonly minutes: number;
  readonly body: string;
}

export interface Week {
  readonly phase: number;
  readonly week: number;
  readonly theory: WeekDocument;
  readonly codeAlong: WeekDocument;
  readonly docs: WeekDocument;
  /** The finished, tested code of the code-along. */
  readonly codeAlongDir: string;
  readonly selfCheck: readonly SelfCheckItem[];
}

const frontMatterSchema = z.object({
  title: z.string().min(1),
  minutes: z.number().int().min(5).max(60),
});

export function weekDir(phase: number, week: number): string {
  return `curriculum/phase-${phase}/week-${week}`;
}

/** The `## Self-check` section of a theory note: `- Q:` items, each with an `A:` line (continuations indented). */
export function parseSelfCheck(file: string, body: string, bodyLine = 1): SelfCheckItem[] {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Self-check');
  if (start < 0) throw new ContentError(file, 'needs a "## Self-check" section', bodyLine);
  const items: { q: string[]; a: string[] | null; line: number }[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,2} /.test(line)) break;
    const q = /^- Q:\s*(.*)$/.exec(line);
    const a = /^\s+A:\s*(.*)$/.exec(line);
    const current = items.at(-1);
    if (q) items.push({ q: [q[1]!], a: null, line: bodyLine + i });
    else if (a && current && current.a === null) current.a = [a[1]!];
    else if (current && line.trim() !== '') (current.a ?? current.q).push(line.trim());
  }
  return items.map((it) => {
    if (it.a === null) throw new ContentError(file, 'self-check question without an "A:" answer', it.line);
    return { question: it.q.join(' '), answer: it.a.join(' ') };
  });
}

function readDocument(root: string, phase: number, week: number, slot: MaterialSlot): WeekDocument {
  const file = `${weekDir(phase, week)}/${slot}.md`;
  const path = join(root, file);
  if (!existsSync(path)) throw new ContentError(file, `missing: every week needs its ${slot} note`);
  const { data, body } = splitFrontMatter(file, readFileSync(path, 'utf8'));
  const fm = frontMatterSchema.safeParse(data);
  if (!fm.success) throw new ContentError(file, `front matter: ${fm.error.issues[0]!.path.join('.') || '(root)'}: ${fm.error.issues[0]!.message}`, 1);
  return { slot, phase, week, file, title: fm.data.title, minutes: fm.data.minutes, body };
}

/** Loads one week's material and validates it (front matter, self-check, code-along folder). */
export function loadWeek(root: string, phase: number, week: number): Week {
  const theory = readDocument(root, phase, week, 'theory');
  const codeAlong = readDocument(root, phase, week, 'code-along');
  const docs = readDocument(root, phase, week, 'docs');
  const codeAlongDir = `${weekDir(phase, week)}/code-along`;
  const abs = join(root, codeAlongDir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new ContentError(codeAlongDir, 'missing: the code-along needs its finished code');
  const text = readFileSync(join(root, theory.file), 'utf8');
  const { body, bodyLine } = splitFrontMatter(theory.file, text);
  return { phase, week, theory, codeAlong, docs, codeAlongDir, selfCheck: parseSelfCheck(theory.file, body, bodyLine) };
}

/** Week numbers that have a folder for a phase (the plan decides which weeks must exist). */
export function weeksOnDisk(root: string, phase: number): number[] {
  const dir = join(root, `curriculum/phase-${phase}`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => /^week-(\d+)$/.exec(d)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
