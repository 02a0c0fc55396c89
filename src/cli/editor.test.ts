import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner } from '../system/runner.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { openRun } from './commands/open.js';
import { openInEditor } from './editor.js';

let deps: TestDeps;
afterEach(() => deps.dispose());

/** A real program in a folder with a space in its name that writes the arguments it got, one a line. */
function recorder(home: string): { path: string; args: () => string[] } {
  const dir = join(home, 'My Tools');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'record');
  const out = join(home, 'args.txt');
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > '${out}'\n`);
  chmodSync(path, 0o755);
  return { path, args: () => readFileSync(out, 'utf8').trimEnd().split('\n') };
}

describe('$EDITOR and $PAGER with arguments', () => {
  it('runs EDITOR="<quoted path> --wait" with its argument before the file', async () => {
    deps = createTestDeps({ runner: execaRunner() });
    const rec = recorder(deps.paths.home);
    Object.assign(deps.env, { EDITOR: `"${rec.path}" --wait` });
    await openInEditor(deps, '/tmp/file.ts');
    expect(rec.args()).toEqual(['--wait', '/tmp/file.ts']);
  });

  it('prefers $VISUAL, and names the variable when its editor is not found', async () => {
    deps = createTestDeps({ runner: execaRunner(), env: { VISUAL: 'no-such-editor-here --wait', EDITOR: 'vim' } });
    await expect(openInEditor(deps, '/tmp/f')).rejects.toThrow('editor "no-such-editor-here" (from $VISUAL) not found: fix $VISUAL, or use --print');
  });

  it('says what is wrong with an unclosed quote instead of running anything', async () => {
    deps = createTestDeps({ env: { EDITOR: '"code --wait' } });
    await expect(openInEditor(deps, '/tmp/f')).rejects.toThrow('$EDITOR ("code --wait) has an unclosed quote or a trailing backslash: fix $EDITOR, or use --print');
  });

  it('pages with PAGER="<pager> -R" on a terminal, and prints (saying why) when the pager is missing', async () => {
    deps = createTestDeps({ runner: execaRunner(), now: '2025-06-16T09:00:00' });
    Object.assign(deps.io, { isTTY: true });
    const rec = recorder(deps.paths.home);
    Object.assign(deps.env, { PAGER: `'${rec.path}' -R` });
    await openRun(deps, 'theory', {});
    expect(rec.args()).toEqual(['-R', expect.stringMatching(/curriculum\/phase-1\/week-1\/theory\.md$/)]);
    expect(deps.io.stdout()).toBe('');

    Object.assign(deps.env, { PAGER: 'no-such-pager -R' });
    await openRun(deps, 'theory', {});
    expect(deps.io.stdout()).toMatch(/^---\ntitle: /);
    expect(deps.io.stderr()).toBe('roadmap: pager "no-such-pager" (from $PAGER) not found; printing instead (fix $PAGER)\n');
  });
});
