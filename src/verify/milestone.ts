/**
 * Milestones in the learner's git history (the seed: "milestones are tagged phase-N in the commit history"):
 * `project init` makes the project a repository with a first commit, and a full pass of the learner's own
 * project tags its HEAD `phase-N`, annotated with the figures. An existing tag is never moved.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../deps.js';

export interface GitOutcome {
  readonly done: boolean;
  /** One line for the learner: what was done, or why not. */
  readonly message: string;
}

async function git(deps: Deps, dir: string, args: readonly string[]) {
  return deps.runner.run('git', ['-C', dir, ...args], { timeoutMs: 30_000 });
}

/** An identity for roadmap's own commit when the learner has none configured (git refuses to commit without). */
async function identityArgs(deps: Deps, dir: string): Promise<string[]> {
  const email = await git(deps, dir, ['config', 'user.email']);
  return email.ok && email.stdout.trim() ? [] : ['-c', 'user.name=roadmap', '-c', 'user.email=roadmap@localhost'];
}

/** `git init` and a first commit of the starter, unless the folder already is a repository. */
export async function initRepository(deps: Deps, dir: string, phase: number): Promise<GitOutcome> {
  if (existsSync(join(dir, '.git'))) return { done: false, message: 'already a git repository: left as it is' };
  const init = await git(deps, dir, ['init', '-q']);
  if (init.notFound) return { done: false, message: 'git is not installed: the project is not a repository (install git to get phase-N milestone tags)' };
  if (!init.ok) return { done: false, message: `git init failed: ${init.stderr.trim().split('\n').at(-1) ?? ''}` };
  await git(deps, dir, ['add', '-A']);
  const commit = await git(deps, dir, [...(await identityArgs(deps, dir)), 'commit', '-q', '-m', `Phase ${phase} starter (roadmap project init)`]);
  if (!commit.ok) return { done: false, message: `git commit failed: ${commit.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { done: true, message: 'a git repository with the starter as its first commit' };
}

/** Creates the annotated tag `phase-N` on HEAD with `message`; never moves an existing one. */
export async function tagMilestone(deps: Deps, dir: string, phase: number, message: string): Promise<GitOutcome> {
  const tag = `phase-${phase}`;
  const top = await git(deps, dir, ['rev-parse', '--show-toplevel']);
  if (top.notFound) return { done: false, message: `not tagged ${tag}: git is not installed` };
  if (!top.ok) return { done: false, message: `not tagged ${tag}: the project is not a git repository (\`git init\` there, commit, and verify again)` };
  const head = await git(deps, dir, ['rev-parse', '--short', 'HEAD']);
  if (!head.ok) return { done: false, message: `not tagged ${tag}: the repository has no commit yet (commit your work, then verify again)` };
  const existing = await git(deps, dir, ['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`]);
  if (existing.ok) return { done: false, message: `tag ${tag} already exists (on ${existing.stdout.trim().slice(0, 7)}): it is never moved` };
  const created = await git(deps, dir, [...(await identityArgs(deps, dir)), 'tag', '-a', tag, '-m', message]);
  if (!created.ok) return { done: false, message: `not tagged ${tag}: ${created.stderr.trim().split('\n').at(-1) ?? 'git tag failed'}` };
  const dirty = await git(deps, dir, ['status', '--porcelain', '--untracked-files=no']);
  const note = dirty.ok && dirty.stdout.trim() ? '; uncommitted changes are not in it' : '';
  return { done: true, message: `tagged ${tag} on ${head.stdout.trim()}${note}` };
}
