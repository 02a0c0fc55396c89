import { basename } from 'node:path';
import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import { shellWords } from './shell-words.js';

/** A command named by an environment variable, split into words as a shell would (`code --wait`). */
interface EnvCommand {
  readonly variable: string;
  readonly value: string;
  /** The words, or null when the value's quoting is broken. */
  readonly words: readonly string[] | null;
}

function envCommand(deps: Deps, variables: readonly string[]): EnvCommand | null {
  for (const variable of variables) {
    const value = deps.env[variable];
    if (value?.trim()) return { variable, value, words: shellWords(value) };
  }
  return null;
}

/** The learner's editor from $VISUAL, else $EDITOR, if one is set. */
export function editorCommand(deps: Deps): EnvCommand | null {
  return envCommand(deps, ['VISUAL', 'EDITOR']);
}

/**
 * Opens a file in the learner's $VISUAL / $EDITOR and waits for it. The variable is split as a shell would, so
 * `EDITOR="code --wait"` runs `code --wait FILE`; a missing, unquotable or unknown editor is one line that says
 * what to fix.
 */
export async function openInEditor(deps: Deps, path: string): Promise<void> {
  const editor = editorCommand(deps);
  if (!editor) throw new RoadmapError('set $EDITOR (or $VISUAL) to open files in your editor, or use --print');
  const [file, ...args] = editor.words ?? [];
  if (!file) throw new RoadmapError(`$${editor.variable} (${editor.value}) has an unclosed quote or a trailing backslash: fix $${editor.variable}, or use --print`);
  if ((await deps.runner.interactive(file, [...args, path])) === null) throw new RoadmapError(`editor "${file}" (from $${editor.variable}) not found: fix $${editor.variable}, or use --print`);
}

/**
 * Pages a file with $PAGER (split as a shell would: `PAGER="less -R"`), or `less -R` when it is not set. Returns
 * false, after saying why on stderr, when the pager cannot run, so the caller prints the file instead.
 */
export async function openInPager(deps: Deps, path: string): Promise<boolean> {
  const pager = envCommand(deps, ['PAGER']);
  const [file, ...args] = pager ? (pager.words ?? []) : ['less'];
  if (!file) {
    deps.io.err(`roadmap: $PAGER (${pager!.value}) has an unclosed quote or a trailing backslash; printing instead (fix $PAGER)\n`);
    return false;
  }
  // Plain `less` gets -R so colour codes show as colour; a pager with its own flags is left as the learner set it.
  if (basename(file) === 'less' && args.length === 0) args.push('-R');
  if ((await deps.runner.interactive(file, [...args, path])) !== null) return true;
  deps.io.err(pager ? `roadmap: pager "${file}" (from $PAGER) not found; printing instead (fix $PAGER)\n` : 'roadmap: less is not installed; printing instead (set $PAGER to your pager)\n');
  return false;
}
