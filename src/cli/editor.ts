import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';

/** Opens a file in the learner's $VISUAL / $EDITOR and waits for it; says how to fix a missing editor. */
export async function openInEditor(deps: Deps, path: string): Promise<void> {
  const editor = deps.env.VISUAL || deps.env.EDITOR;
  if (!editor) throw new RoadmapError('set $EDITOR (or $VISUAL) to open files in your editor, or use --print');
  if ((await deps.runner.interactive(editor, [path])) === null) throw new RoadmapError(`editor "${editor}" not found: fix $EDITOR, or use --print`);
}
