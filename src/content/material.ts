import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from './content-error.js';

/** The three study days whose material lives in curriculum/phase-N/week-K/. */
export const MATERIAL_SLOTS = ['theory', 'code-along', 'docs'] as const;
export type MaterialSlot = (typeof MATERIAL_SLOTS)[number];

export function isMaterialSlot(slot: string): slot is MaterialSlot {
  return (MATERIAL_SLOTS as readonly string[]).includes(slot);
}

/** What a slot's document is, as `roadmap today` shows it: enough to decide to open it. */
export interface Material {
  readonly slot: MaterialSlot;
  readonly phase: number;
  readonly week: number;
  readonly title: string;
  readonly minutes: number;
  /** Absolute path of the Markdown file. */
  readonly path: string;
  /** Path relative to the package root. */
  readonly file: string;
  /** The code-along's finished code (code-along slot only). */
  readonly codeDir?: string;
}

function scalar(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"')) return JSON.parse(v) as string;
  if (v.startsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/**
 * Reads a week document's `title` and `minutes` from its front matter without a YAML parser, so
 * `roadmap today` stays fast (the content tests check it agrees with the full loader on every file). null
 * when the file is missing or its front matter cannot be read this way: `materialProblem` says why.
 */
export function readMaterial(root: string, slot: MaterialSlot, phase: number, week: number): Material | null {
  const file = materialFile(slot, phase, week);
  const path = join(root, file);
  if (!existsSync(path)) return null;
  const head = readFileSync(path, 'utf8').split('\n', 12);
  const get = (key: string): string | undefined => {
    const line = head.find((l) => l.startsWith(`${key}:`));
    return line === undefined ? undefined : scalar(line.slice(key.length + 1));
  };
  let title: string | undefined;
  let minutes = Number.NaN;
  try {
    title = get('title');
    minutes = Number(get('minutes'));
  } catch {
    return null; // a quoted value JSON cannot read: materialProblem names it
  }
  if (head[0]?.trim() !== '---' || !title || !Number.isFinite(minutes)) return null;
  const codeDir = join(root, `curriculum/phase-${phase}/week-${week}/code-along`);
  return { slot, phase, week, title, minutes, path, file, ...(slot === 'code-along' ? { codeDir } : {}) };
}

function materialFile(slot: MaterialSlot, phase: number, week: number): string {
  return `curriculum/phase-${phase}/week-${week}/${slot}.md`;
}

/**
 * Why readMaterial found no document: the file is missing, or what is wrong with its front matter, as a
 * ContentError with the file, the line and the fix. The YAML parser is imported only here, off the path of
 * `roadmap today`.
 */
export async function materialProblem(root: string, slot: MaterialSlot, phase: number, week: number): Promise<ContentError> {
  const file = materialFile(slot, phase, week);
  const path = join(root, file);
  if (!existsSync(path)) return new ContentError(file, `missing: every week needs its ${slot} note (this installation's curriculum/ is incomplete; reinstall roadmap)`);
  const text = readFileSync(path, 'utf8');
  const { splitFrontMatter } = await import('./front-matter.js');
  let parsed: ReturnType<typeof splitFrontMatter>;
  try {
    parsed = splitFrontMatter(file, text);
  } catch (e) {
    if (e instanceof ContentError) return e;
    throw e;
  }
  const lines = text.split('\n').slice(0, parsed.bodyLine - 1);
  const lineOf = (key: string): number => {
    const i = lines.findIndex((l) => l.startsWith(`${key}:`));
    return i < 0 ? 1 : i + 1;
  };
  const fm = parsed.data;
  if (typeof fm !== 'object' || fm === null || Array.isArray(fm)) return new ContentError(file, 'the front matter must be "key: value" lines (title, minutes)', 2);
  const { title, minutes } = fm as Record<string, unknown>;
  if (title === undefined || title === null) return new ContentError(file, 'the front matter has no title: add a line "title: <the document\'s title>"', 1);
  if (typeof title !== 'string' || !title.trim()) return new ContentError(file, `title must be text, not ${JSON.stringify(title)}`, lineOf('title'));
  if (minutes === undefined || minutes === null) return new ContentError(file, 'the front matter has no minutes: add a line "minutes: 30" (how long it takes)', 1);
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return new ContentError(file, `minutes must be a number, such as 30, not ${JSON.stringify(minutes)}`, lineOf('minutes'));
  // Valid YAML that the quick read still cannot take: the keys must sit early, unindented, one per line.
  return new ContentError(file, 'title and minutes must be plain "key: value" lines within the first 12 lines', 1);
}

/** readMaterial, or the ContentError that says why there is no such document. */
export async function requireMaterial(root: string, slot: MaterialSlot, phase: number, week: number): Promise<Material> {
  const m = readMaterial(root, slot, phase, week);
  if (m) return m;
  throw await materialProblem(root, slot, phase, week);
}

/** The reading for a study day: Monday's theory, Tuesday's code-along or Wednesday's docs of its week. */
export function materialForDay(packageRoot: string, info: { kind: string; slot?: string; phase?: number; week?: number }): Material | null {
  if (info.kind !== 'study' || !info.slot || !isMaterialSlot(info.slot)) return null;
  return readMaterial(packageRoot, info.slot, info.phase!, info.week!);
}
