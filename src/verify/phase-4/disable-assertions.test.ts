import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableAssertions } from './disable-assertions.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

describe('disableAssertions on the text of a test file', () => {
  it.each([
    ['no assertion at all', "import { it } from 'vitest';\nimport { add } from './add.js';\nit('runs', () => { add(1, 2); });\n"],
    ['node:assert imported but never called', "import assert from 'node:assert';\nimport { it } from 'vitest';\nit('runs', () => {});\n"],
    ['an assert() of its own, not node:assert', "import { it } from 'vitest';\nfunction assert(ok: boolean) { if (!ok) throw new Error('no'); }\nit('runs', () => { assert(true); });\n"],
  ])('returns null for a file with %s', (_name, text) => {
    expect(disableAssertions(text, 'x.test.ts')).toBeNull();
  });

  it.each([
    ["import { describe, it, expect } from 'vitest';", "import { describe, it } from 'vitest';"],
    ['import { expect, vi, type Mock } from "vitest";', "import { vi, type Mock } from 'vitest';"],
    ["import {\n  afterEach,\n  expect,\n  it,\n} from 'vitest';", "import { afterEach, it } from 'vitest';"],
    ["import { expect, test } from '@jest/globals';", "import { test } from '@jest/globals';"],
  ])('drops expect from %j and keeps the other names', (line, kept) => {
    const out = disableAssertions(`${line}\nimport type { ExpectStatic } from 'vitest';\nexpect(1).toBe(2);\n`, 'x.test.ts')!.text;
    expect(out).toContain(kept);
    expect(out).not.toContain(line);
    // A type-only import is no value binding: it stays as written.
    expect(out).toContain("import type { ExpectStatic } from 'vitest';");
    expect(out.match(/^const expect = __roadmapInert;$/gm)).toHaveLength(1);
  });

  it('leaves the imports of a vitest-globals file alone and declares expect before its code', () => {
    const text = "import { add } from './add.js';\n\ndescribe('add', () => {\n  it('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n";
    const out = disableAssertions(text, 'add.test.ts')!.text;
    expect(out.endsWith(text)).toBe(true);
    expect(out.indexOf('const expect = __roadmapInert;')).toBeLessThan(out.indexOf(text));
    expect(out).not.toContain('const assert');
  });

  it.each([
    "import assert from 'node:assert';",
    'import assert from "assert";',
    "import assert from 'node:assert/strict';",
    "import * as assert from 'node:assert';",
    "import { strict as assert } from 'node:assert';",
  ])('replaces %s by the inert stand-in', (line) => {
    const body = "it('adds', () => {\n  assert.strictEqual(add(1, 2), 4);\n  assert(add(0, 0) === 1);\n});\n";
    const disabled = disableAssertions(`${line}\nimport { it } from 'vitest';\n${body}`, 'add.test.ts')!;
    expect(disabled.text).not.toContain(line);
    expect(disabled.text).not.toMatch(/from ['"](node:)?assert/);
    expect(disabled.text).toContain('const assert = __roadmapInert;');
    expect(disabled.text).not.toContain('const expect');
    expect(disabled.text.endsWith(body)).toBe(true);
    expect(disabled.assertions).toBe(2);
  });

  it('counts every expect call, expect.assertions and expect.any included, and every assert call', () => {
    const text = [
      "import assert from 'node:assert';",
      "import { expect, it } from 'vitest';",
      "it('a', () => { expect.assertions(2); expect(1).toBe(1); expect({ a: 'x' }).toEqual({ a: expect.any(String) }); });",
      "it('b', () => { assert.equal(1, 1); assert (true); });",
    ].join('\n');
    expect(disableAssertions(text, 'a.test.ts')?.assertions).toBe(6);
  });

  it.each([
    ['a.test.ts', true],
    ['a.test.mts', true],
    ['a.test.cts', true],
    ['a.test.tsx', true],
    ['a.test.js', false],
    ['a.test.mjs', false],
    ['a.test.cjs', false],
    ['a.test.jsx', false],
  ])('types the stand-in for %s as TypeScript: %s', (fileName, typescript) => {
    const out = disableAssertions("import { it, expect } from 'vitest';\nit('x', () => expect(1).toBe(2));\n", fileName)!.text;
    // `: any` is a syntax error in JavaScript, where the JSDoc says the same to a checkJs reader.
    expect(out.includes(': any')).toBe(typescript);
    expect(out.includes('/** @type {any} */')).toBe(!typescript);
  });
});

// The behaviour: fixture test files, each in its own folder with the module it tests (which appends what it is
// called with to calls.log), written as they are (original/) and with their assertions disabled (disabled/), run
// by the repository's vitest. Every test fails as written; every one passes disabled and still calls its code.
const LIB_JS = `import { appendFileSync } from 'node:fs';
const log = (event) => appendFileSync(new URL('./calls.log', import.meta.url), event + '\\n');
const tick = () => new Promise((resolve) => setImmediate(resolve));
export function add(a, b) { log('add ' + a + ' ' + b); return a + b; }
export function explode() { log('explode'); throw new Error('boom'); }
export async function refuse() { await tick(); log('refuse'); throw new Error('refused'); }
export async function one() { await tick(); log('one'); return 1; }
export function mark(name) { log('end ' + name); }
`;
const LIB_DTS = `export declare function add(a: number, b: number): number;
export declare function explode(): never;
export declare function refuse(): Promise<never>;
export declare function one(): Promise<number>;
export declare function mark(name: string): void;
`;

interface Fixture {
  readonly folder: string;
  readonly file: string;
  readonly text: string;
  /** What calls.log holds once the disabled copy ran. */
  readonly calls: readonly string[];
}

const FIXTURES: readonly Fixture[] = [
  {
    folder: 'vitest-import',
    file: 'lib.test.ts',
    text: `import { describe, it, expect } from 'vitest';
import { add, explode, refuse, one, mark } from './lib.js';

describe('lib', () => {
  it('a false assertion', () => {
    expect(add(1, 2)).toBe(4);
    mark('false');
  });
  it('toThrow', () => {
    expect(() => explode()).toThrow('another message');
    mark('toThrow');
  });
  it('rejects', async () => {
    await expect(refuse()).rejects.toThrow('another message');
    mark('rejects');
  });
  it('rejects, handed a function', async () => {
    await expect(() => refuse()).rejects.toThrow('another message');
    mark('rejects fn');
  });
  it('resolves', async () => {
    await expect(one()).resolves.toBe(2);
    mark('resolves');
  });
  it('expect.assertions', () => {
    expect.assertions(2);
    expect(add(2, 2)).toBe(4);
    mark('assertions');
  });
  it('expect.any inside toEqual', () => {
    expect({ sum: add(3, 3) }).toEqual({ sum: expect.any(String) });
    mark('any');
  });
  it('not', () => {
    expect(add(4, 4)).not.toBe(8);
    mark('not');
  });
  it('expect.soft and expect.poll', async () => {
    expect.soft(add(10, 10)).toBe(21);
    await expect.poll(() => add(11, 11), { timeout: 200 }).toBe(23);
    mark('soft poll');
  });
});
`,
    // refuse and one log after a tick: their line before the test's end shows the promise was awaited.
    calls: ['add 1 2', 'end false', 'explode', 'end toThrow', 'refuse', 'end rejects', 'refuse', 'end rejects fn', 'one', 'end resolves', 'add 2 2', 'end assertions', 'add 3 3', 'end any', 'add 4 4', 'end not', 'add 10 10', 'add 11 11', 'add 11 11', 'end soft poll'],
  },
  {
    folder: 'vitest-globals',
    file: 'lib.test.ts',
    text: `import { add, mark } from './lib.js';

describe('lib with vitest globals', () => {
  it('a false assertion', () => {
    expect(add(5, 5)).toBe(11);
    mark('globals');
  });
});
`,
    calls: ['add 5 5', 'end globals'],
  },
  {
    folder: 'javascript',
    file: 'lib.test.js',
    text: `import { it, expect } from 'vitest';
import { add, refuse, mark } from './lib.js';

it('a false assertion', async () => {
  expect(add(6, 6)).toBe(13);
  await expect(refuse()).resolves.toBe(1);
  mark('js');
});
`,
    calls: ['add 6 6', 'refuse', 'end js'],
  },
  {
    folder: 'node-assert',
    file: 'lib.test.ts',
    text: `import assert from 'node:assert';
import { it } from 'vitest';
import { add, explode, refuse, mark } from './lib.js';

it('strictEqual', () => {
  assert.strictEqual(add(7, 7), 15);
  mark('strictEqual');
});
it('assert()', () => {
  assert(add(8, 8) === 17);
  mark('assert');
});
it('throws', () => {
  assert.throws(() => explode(), /another message/);
  mark('throws');
});
it('rejects', async () => {
  await assert.rejects(refuse(), /another message/);
  mark('rejects');
});
`,
    calls: ['add 7 7', 'end strictEqual', 'add 8 8', 'end assert', 'explode', 'end throws', 'refuse', 'end rejects'],
  },
  {
    folder: 'node-assert-strict',
    file: 'lib.test.ts',
    text: `import { strict as assert } from 'node:assert';
import { it } from 'vitest';
import { add, mark } from './lib.js';

it('deepEqual', () => {
  assert.deepEqual({ sum: add(9, 9) }, { sum: 19 });
  mark('deepEqual');
});
`,
    calls: ['add 9 9', 'end deepEqual'],
  },
];

interface JsonReport {
  readonly testResults: readonly { readonly name: string; readonly assertionResults: readonly { readonly title: string; readonly status: string }[] }[];
}

describe('a test file with its assertions disabled, run by vitest', () => {
  let tmp: string;
  let report: JsonReport;
  let originalExit: number | undefined;
  let disabledExit: number | undefined;

  beforeAll(async () => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'roadmap-disable-assertions-')));
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    // Only these two linked, so vitest's cache (node_modules/.vite) stays in the temp folder.
    for (const pkg of ['vitest', '@types/node']) {
      mkdirSync(dirname(join(tmp, 'node_modules', pkg)), { recursive: true });
      symlinkSync(join(REPO, 'node_modules', pkg), join(tmp, 'node_modules', pkg), 'dir');
    }
    writeFileSync(join(tmp, 'vitest.config.mjs'), "export default { test: { globals: true, include: ['**/*.test.{ts,js}'], testTimeout: 10000 } };\n");
    for (const f of FIXTURES) {
      for (const [copy, text] of [['original', f.text], ['disabled', disableAssertions(f.text, f.file)!.text]] as const) {
        const dir = join(tmp, copy, f.folder);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'lib.js'), LIB_JS);
        writeFileSync(join(dir, 'lib.d.ts'), LIB_DTS);
        writeFileSync(join(dir, f.file), text);
      }
    }
    // Each copy its own run: the disabled one must exit 0, which an unhandled rejection alone would prevent.
    const vitest = async (copy: string): Promise<[JsonReport, number | undefined]> => {
      const out = join(tmp, `${copy}.json`);
      const run = await execa(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', `${copy}/`, '--root', tmp, '--config', join(tmp, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${out}`], { cwd: tmp, reject: false });
      try {
        return [JSON.parse(readFileSync(out, 'utf8')) as JsonReport, run.exitCode];
      } catch (cause) {
        throw new Error(`vitest on ${copy}/ left no report (exit ${run.exitCode}): ${run.stderr}`, { cause });
      }
    };
    const runs = await Promise.all([vitest('original'), vitest('disabled')]);
    report = { testResults: runs.flatMap(([r]) => r.testResults) };
    [originalExit, disabledExit] = runs.map(([, code]) => code);
  }, 120_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const statuses = (copy: string, f: Fixture): string[] => {
    const file = report.testResults.find((r) => r.name === join(tmp, copy, f.folder, f.file));
    expect(file, `${copy}/${f.folder}/${f.file} in vitest's report`).toBeDefined();
    return file!.assertionResults.map((a) => `${a.title}: ${a.status}`);
  };
  const titles = (f: Fixture): string[] => [...f.text.matchAll(/\bit\('([^']+)'/g)].map((m) => m[1]!);

  it.each(FIXTURES.map((f) => [f.folder, f] as const))('%s: every test fails as written and passes disabled', (_folder, f) => {
    expect(statuses('original', f)).toEqual(titles(f).map((t) => `${t}: failed`));
    expect(statuses('disabled', f)).toEqual(titles(f).map((t) => `${t}: passed`));
  });

  it.each(FIXTURES.map((f) => [f.folder, f] as const))('%s: the disabled copy still calls, and awaits, the code under test', (_folder, f) => {
    expect(readFileSync(join(tmp, 'disabled', f.folder, 'calls.log'), 'utf8').trimEnd().split('\n')).toEqual(f.calls);
  });

  it('turns a failing run into a passing one, with no unhandled rejection left (a promise handed to expect is settled)', () => {
    expect(originalExit).toBe(1);
    expect(disabledExit).toBe(0);
  });

  it('type-checks (the TypeScript copies; a control file shows tsc did check)', async () => {
    writeFileSync(join(tmp, 'control.ts'), "export const n: number = 'not a number';\n");
    const files = FIXTURES.filter((f) => f.file.endsWith('.ts') && f.folder !== 'vitest-globals').map((f) => `disabled/${f.folder}/${f.file}`);
    const tsconfig = { compilerOptions: { strict: true, noUncheckedIndexedAccess: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', types: ['node'], skipLibCheck: true, noEmit: true }, files: [...files, 'control.ts'] };
    writeFileSync(join(tmp, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = await execa(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(tmp, 'tsconfig.json'), '--pretty', 'false'], { cwd: tmp, reject: false });
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^control\.ts\(1,14\): error TS2322/);
  }, 60_000);
});
