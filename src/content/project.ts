import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError } from './content-error.js';

/** The file that makes a folder a mini-project `roadmap verify` can check: the contract's "how to start it". */
export const PROJECT_MANIFEST = 'roadmap.project.json';

export const projectManifestSchema = z.strictObject({
  $comment: z.string().optional(),
  /** The folder name in the learner's workspace (`<workspace>/projects/<name>`). */
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name such as docs-api'),
  /** The phases whose criteria this project is verified against. */
  phases: z.array(z.number().int().min(1).max(9)).min(1),
  /**
   * The program and its first arguments, run in the project folder; each phase's contract says what follows.
   * A phase whose contract is a source tree or documents needs none (its verifier's contract says).
   */
  command: z.array(z.string().min(1)).min(1).optional(),
  /**
   * The project's CI command, run in a copy of the project folder (phase 4: it runs the coverage and mutation
   * gates and must fail when either drops).
   */
  ci: z.array(z.string().min(1)).min(1).optional(),
  /** The project's development authorization server, started with `--port 0` (phase 4's OAuth 2.1 checks). */
  authServer: z.array(z.string().min(1)).min(1).optional(),
  /** The starter `roadmap project init` copies, relative to the reference project (reference manifests only). */
  starter: z.string().optional(),
});

export type ProjectManifest = z.output<typeof projectManifestSchema>;

export interface Project extends ProjectManifest {
  /** Absolute folder of the project. */
  readonly dir: string;
}

/** Reads and validates `dir/roadmap.project.json`; null when the folder has none. */
export function readProject(dir: string): Project | null {
  const file = join(dir, PROJECT_MANIFEST);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = projectManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return { ...parsed.data, dir };
}

/** The shipped reference project verified against `phase`, from `<packageRoot>/projects/*`; null when none is. */
export function referenceProject(packageRoot: string, phase: number): Project | null {
  const root = join(packageRoot, 'projects');
  if (!existsSync(root)) return null;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const project = readProject(join(root, entry.name));
    if (project?.phases.includes(phase)) return project;
  }
  return null;
}
