import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkspace, type Workspace } from '../../../../src/verify/phase-3/workspace.js';
import { buildWithTsc, edit, installedCopy, PACKAGES, SAMPLE, scratch } from './sample-workspace.js';

// The shape of the workspace (steps 1 to 3): what npm, tsc -b and `roadmap verify phase-3 --stage 4` read from
// the package.json and tsconfig.json files, checked on the miniature in .my-docs-api/.

const json = (file: string) => JSON.parse(readFileSync(join(SAMPLE, file), 'utf8')) as Record<string, any>;
const manifest = (name: string) => json(`packages/${name}/package.json`);
const own = (deps: object = {}) => Object.keys(deps).filter((d) => d.startsWith('@my-docs-api/')).map((d) => d.slice('@my-docs-api/'.length)).sort();

const temp = scratch();
afterAll(() => temp.remove());

describe('step 1: an npm workspace root and its packages', () => {
  it('the root lists packages/* as its workspaces, and roadmap reads the five layers it checks', () => {
    expect(json('package.json')).toMatchObject({ private: true, workspaces: ['packages/*'] });
    const ws = readWorkspace(SAMPLE) as Workspace;
    expect(ws.packages.map((p) => [p.dir, p.name, p.layer])).toEqual([
      ['packages/adapter-postgres', '@my-docs-api/adapter-postgres', 'adapter'],
      ['packages/adapter-redis', '@my-docs-api/adapter-redis', 'adapter'],
      ['packages/application', '@my-docs-api/application', 'application'],
      ['packages/domain', '@my-docs-api/domain', 'domain'],
      ['packages/http', '@my-docs-api/http', 'http'],
    ]);
  });

  it.each(PACKAGES)('%s exports its entry: source for the tests, types and default from dist', (name) => {
    const { exports, type } = manifest(name);
    expect(type).toBe('module');
    for (const [subpath, target] of Object.entries<Record<string, string>>(exports)) {
      expect(Object.keys(target), `${name} ${subpath}`).toEqual(['source', 'types', 'default']);
      expect(target.source, `${name} ${subpath}`).toMatch(/^\.\/src\/.+\.ts$/);
      expect(existsSync(join(SAMPLE, 'packages', name, target.source!)), `${name} ${target.source}`).toBe(true);
      expect(target.types).toBe(target.source!.replace('./src/', './dist/').replace(/\.ts$/, '.d.ts'));
      expect(target.default).toBe(target.source!.replace('./src/', './dist/').replace(/\.ts$/, '.js'));
    }
  });
});

describe('step 2: the dependencies each package declares', () => {
  it.each([
    ['domain', []],
    ['application', ['domain']],
    ['adapter-postgres', ['application', 'domain']],
    ['adapter-redis', ['application', 'domain']],
    ['http', ['adapter-postgres', 'adapter-redis', 'application', 'domain']],
  ])('%s declares exactly %j of the workspace (only http declares adapters)', (name, expected) => {
    const { dependencies, devDependencies, peerDependencies } = manifest(name);
    expect(own({ ...dependencies, ...devDependencies, ...peerDependencies })).toEqual(expected);
  });

  it.each([
    ['domain', []],
    ['application', []],
    ['adapter-postgres', ['kysely', 'pg']],
    ['adapter-redis', ['ioredis']],
    ['http', ['fastify']],
  ])('%s declares the libraries %j (drivers only in adapters and http)', (name, expected) => {
    expect(Object.keys(manifest(name).dependencies ?? {}).filter((d) => !d.startsWith('@my-docs-api/'))).toEqual(expected);
  });
});

describe('step 3: project references and tsc -b', () => {
  it.each(PACKAGES)('%s references exactly the packages it declares, and builds src to dist without its tests', (name) => {
    const tsconfig = json(`packages/${name}/tsconfig.json`);
    expect(tsconfig).toMatchObject({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'], exclude: ['src/**/*.test.ts'] });
    const references = ((tsconfig.references ?? []) as { path: string }[]).map((r) => r.path.replace('../', '')).sort();
    expect(references).toEqual(own(manifest(name).dependencies));
  });

  it('the base makes every package a composite project that emits declarations', () => {
    expect(json('tsconfig.base.json').compilerOptions).toMatchObject({ composite: true, declaration: true, module: 'NodeNext', strict: true });
  });

  it('tsc -b packages/http builds it and the four packages it references, from a copy with no dist', { timeout: 60_000 }, async () => {
    const dir = installedCopy(join(temp.dir, 'build'));
    const r = await buildWithTsc(dir, 'packages/http');
    expect(r, r.output).toMatchObject({ exitCode: 0 });
    for (const name of PACKAGES) expect(existsSync(join(dir, 'packages', name, 'dist', 'tsconfig.tsbuildinfo')), name).toBe(true);
    expect(existsSync(join(dir, 'packages/http/dist/app.d.ts'))).toBe(true);
  });

  it('a package whose tsconfig forgets a reference does not build alone', { timeout: 60_000 }, async () => {
    const dir = installedCopy(join(temp.dir, 'no-reference'));
    edit(dir, 'packages/application/tsconfig.json', (t) => t.replace(/,\n\s*"references": \[[^\]]*\]/, ''));
    const r = await buildWithTsc(dir, 'packages/application');
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toMatch(/error TS2307: Cannot find module '@my-docs-api\/domain'/);
  });
});
