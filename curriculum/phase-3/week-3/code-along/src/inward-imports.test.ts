import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rule of this week, as a test: what the learner's grep checks, and what next week's
// dependency-cruiser rules (domain-imports-nothing, application-imports-domain-only, only-http-imports-adapters)
// will check for every package. Imports are resolved relative to this code-along folder.

const root = resolve(import.meta.dirname, '..');

/** The non-test .ts files under `dir`, each with what it imports (relative ones as paths from the root). */
function importsUnder(dir: string): { file: string; imports: string[] }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => {
      const file = join(dir, f);
      const source = readFileSync(join(root, file), 'utf8');
      const imports = [...source.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map(([, spec = '']) =>
        spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec,
      );
      return { file, imports };
    });
}

describe('step 2: dependencies point inward', () => {
  it.each([
    ['src/domain', /^src\/domain\//],
    ['src/application', /^src\/(application|domain)\//],
  ])('%s imports only %s', (dir, allowed) => {
    const outward = importsUnder(dir).flatMap(({ file, imports }) => imports.filter((i) => !allowed.test(i)).map((i) => `${file} imports ${i}`));
    expect(outward).toEqual([]);
  });
});

describe('step 5: the composition root is the only place that names an adapter', () => {
  it('no file of src/ but app.ts imports packages/adapter-postgres', () => {
    const wiring = importsUnder('src').filter(({ imports }) => imports.some((i) => i.startsWith('packages/adapter-')));
    expect(wiring.map((w) => w.file)).toEqual(['src/app.ts']);
  });
});
