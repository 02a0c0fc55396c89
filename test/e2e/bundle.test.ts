import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

// DESIGN: heavy imports stay off the path of the plain commands. Everything `roadmap today` loads is
// dist/cli/main.js and the chunks it imports statically; the content validators (yaml, zod), the process
// runner (execa) and the TUI must only be reached through dynamic import().
describe('the CLI bundle', () => {
  const dir = join(ROOT, 'dist/cli');
  const staticImports = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^import\s+(?:[^;]*?from\s*)?"(\.{1,2}\/[^"]+)"/gm)].map((m) => join(file, '..', m[1]!));

  it('keeps yaml, zod and execa out of the statically loaded code', () => {
    const seen = new Set<string>();
    const queue = [join(dir, 'main.js')];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      queue.push(...staticImports(f));
    }
    const text = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).not.toMatch(/class ZodError|\$ZodError/);
    expect(text).not.toContain('LineCounter');
    expect(text).not.toMatch(/var ExecaSyncError/);
    expect(readdirSync(join(dir, 'chunks')).length).toBeGreaterThan(0);
  });
});
