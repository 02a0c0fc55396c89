import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError } from './content-error.js';
import { parseYamlWith } from './yaml-file.js';

export const KATA_RUNNERS = ['vitest', 'go'] as const;
export type KataRunner = (typeof KATA_RUNNERS)[number];

export const kataManifestSchema = z.strictObject({
  id: z.string().regex(/^p\d+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kata id like p1.async-iterators'),
  title: z.string().min(1),
  phase: z.number().int().min(1).max(9),
  topics: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'topics are kebab-case')).min(1),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  minutes: z.number().int().min(5).max(45),
  runner: z.enum(KATA_RUNNERS),
  file: z.string().regex(/^[\w.-]+\.(ts|go)$/, 'expected the learner file name, e.g. kata.ts'),
  docs: z.url(),
  hints: z.array(z.string().min(1)).min(1),
});

export type KataManifest = z.output<typeof kataManifestSchema>;

export interface Kata extends KataManifest {
  /** Folder relative to the package root, e.g. exercises/phase-1/01-async-iterators. */
  readonly dir: string;
  readonly slug: string;
  /** The test file the learner's copy runs. */
  readonly testFile: string;
  /** Files copied next to the learner's file (the test, go.mod). */
  readonly supportFiles: readonly string[];
}

export const EXERCISES_DIR = 'exercises';

function loadKata(root: string, phaseDir: string, slug: string): Kata {
  const dir = `${EXERCISES_DIR}/${phaseDir}/${slug}`;
  const manifestFile = `${dir}/kata.yaml`;
  if (!existsSync(join(root, manifestFile))) throw new ContentError(manifestFile, 'missing: every kata folder needs its kata.yaml');
  const m = parseYamlWith(manifestFile, readFileSync(join(root, manifestFile), 'utf8'), kataManifestSchema);
  if (`phase-${m.phase}` !== phaseDir) throw new ContentError(manifestFile, `phase: ${m.phase}, but the kata is in ${phaseDir}`);
  if (!m.id.startsWith(`p${m.phase}.`)) throw new ContentError(manifestFile, `id: must start with p${m.phase}.`);
  const expectedExt = m.runner === 'go' ? '.go' : '.ts';
  if (!m.file.endsWith(expectedExt)) throw new ContentError(manifestFile, `file: a ${m.runner} kata's file ends in ${expectedExt}`);
  const testFile = m.runner === 'go' ? m.file.replace(/\.go$/, '_test.go') : m.file.replace(/\.ts$/, '.test.ts');
  const supportFiles = m.runner === 'go' ? [testFile, 'go.mod'] : [testFile];
  for (const f of ['README.md', ...supportFiles, `starter/${m.file}`, `solution/${m.file}`]) {
    if (!existsSync(join(root, dir, f))) throw new ContentError(`${dir}/${f}`, `missing: kata ${m.id} needs it`);
  }
  return { ...m, dir, slug, testFile, supportFiles };
}

/** Loads and validates every kata under exercises/phase-N/, in phase and folder order; ids must be unique. */
export function loadKatas(root: string): Kata[] {
  const base = join(root, EXERCISES_DIR);
  if (!existsSync(base)) return [];
  const phases = readdirSync(base)
    .filter((d) => /^phase-\d+$/.test(d))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  const katas: Kata[] = [];
  const ids = new Map<string, string>();
  for (const p of phases) {
    for (const slug of readdirSync(join(base, p)).filter((d) => /^\d{2}-[a-z0-9-]+$/.test(d)).sort()) {
      const k = loadKata(root, p, slug);
      const other = ids.get(k.id);
      if (other) throw new ContentError(`${k.dir}/kata.yaml`, `duplicate kata id ${k.id} (also ${other})`);
      ids.set(k.id, k.dir);
      katas.push(k);
    }
  }
  return katas;
}
