import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * `roadmap today` stays fast (the content tests check it agrees with the full loader on every file).
 */
export function readMaterial(root: string, slot: MaterialSlot, phase: number, week: number): Material | null {
  const file = `curriculum/phase-${phase}/week-${week}/${slot}.md`;
  const path = join(root, file);
  if (!existsSync(path)) return null;
  const head = readFileSync(path, 'utf8').split('\n', 12);
  const get = (key: string): string | undefined => {
    const line = head.find((l) => l.startsWith(`${key}:`));
    return line === undefined ? undefined : scalar(line.slice(key.length + 1));
  };
  const title = get('title');
  const minutes = Number(get('minutes'));
  if (!title || !Number.isFinite(minutes)) return null;
  const codeDir = join(root, `curriculum/phase-${phase}/week-${week}/code-along`);
  return { slot, phase, week, title, minutes, path, file, ...(slot === 'code-along' ? { codeDir } : {}) };
}

/** The reading for a study day: Monday's theory, Tuesday's code-along or Wednesday's docs of its week. */
export function materialForDay(packageRoot: string, info: { kind: string; slot?: string; phase?: number; week?: number }): Material | null {
  if (info.kind !== 'study' || !info.slot || !isMaterialSlot(info.slot)) return null;
  return readMaterial(packageRoot, info.slot, info.phase!, info.week!);
}
