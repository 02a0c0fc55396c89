import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { loadContext } from './context.js';
import { requireWeek, type WeekRef } from './learn.js';
import { ensureDir } from '../system/ensure-dir.js';

export interface WikiNote extends WeekRef {
  readonly path: string;
  readonly created: boolean;
  readonly words: number;
}

export function wikiDir(workspace: string): string {
  return join(workspace, 'wiki');
}

function wordCount(text: string): number {
  return text.replace(/^---[\s\S]*?---/, '').split(/\s+/).filter((w) => /\w/.test(w)).length;
}

/** The week's note template: its topics, the self-check questions as prompts, the phase's katas and cards. */
async function template(deps: Deps, ref: WeekRef, today: LocalDate): Promise<string> {
  const root = deps.paths.packageRoot;
  const [{ loadWeek }, { loadKatas }, { loadDecks }] = await Promise.all([import('../content/curriculum.js'), import('../content/kata.js'), import('../content/deck.js')]);
  const week = loadWeek(root, ref.phase, ref.week);
  const katas = loadKatas(root).filter((k) => k.phase === ref.phase);
  const deck = loadDecks(root).find((d) => d.phase === ref.phase);
  const tags = [...new Set(deck?.notes.flatMap((n) => n.tags) ?? [])].sort();
  return [
    '---',
    `phase: ${ref.phase}`,
    `week: ${ref.week}`,
    `created: ${today}`,
    '---',
    `# Phase ${ref.phase}, week ${ref.week} — ${week.theory.title}`,
    '',
    '> Write in your own words: short sentences, your own examples, links to what you built.',
    '',
    "## This week's material",
    ...[week.theory, week.codeAlong, week.docs].map((d) => `- ${d.slot}: ${d.title} — ${join(root, d.file)}`),
    '',
    '## In my own words',
    ...week.selfCheck.flatMap((q) => [`### ${q.question}`, '', '']),
    `## Katas of phase ${ref.phase}`,
    ...katas.map((k) => `- [ ] ${k.id} — ${k.title} (${join(root, k.dir, 'README.md')})`),
    '',
    '## Cards',
    `Topics in the phase ${ref.phase} deck: ${tags.join(', ')}.`,
    `Drill them with \`roadmap drill --phase ${ref.phase}\`; add your own with \`roadmap cards add\`.`,
    '',
    '## Open questions',
    '- ',
    '',
  ].join('\n');
}

/**
 * This week's wiki note in the workspace (wiki/phase-N/week-K.md), created from the template the first time;
 * an existing note is never overwritten.
 */
export async function ensureWeekNote(deps: Deps, ref: WeekRef, today: LocalDate): Promise<WikiNote> {
  await requireWeek(deps, ref);
  const ctx = await loadContext(deps, today);
  const dir = join(wikiDir(ctx.workspace), `phase-${ref.phase}`);
  const path = join(dir, `week-${ref.week}.md`);
  let created = false;
  if (!existsSync(path)) {
    try {
      ensureDir(dir);
      writeFileSync(path, await template(deps, ref, today), { flag: 'wx' });
      created = true;
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new RoadmapError(`cannot write ${path} (${code ?? cause}); check the workspace (\`roadmap init --workspace DIR\`)`, 'user', { cause });
    }
  }
  return { ...ref, path, created, words: wordCount(readFileSync(path, 'utf8')) };
}

/** Every wiki note in the workspace, by phase and week, with its word count. */
export async function listWeekNotes(deps: Deps, today: LocalDate): Promise<WikiNote[]> {
  const ctx = await loadContext(deps, today);
  const base = wikiDir(ctx.workspace);
  if (!existsSync(base)) return [];
  const out: WikiNote[] = [];
  for (const p of readdirSync(base).filter((d) => /^phase-\d+$/.test(d))) {
    for (const f of readdirSync(join(base, p)).filter((x) => /^week-\d+\.md$/.test(x))) {
      const path = join(base, p, f);
      out.push({ phase: Number(p.slice(6)), week: Number(f.slice(5, -3)), path, created: false, words: wordCount(readFileSync(path, 'utf8')) });
    }
  }
  return out.sort((a, b) => a.phase - b.phase || a.week - b.week);
}
