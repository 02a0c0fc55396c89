/**
 * Disables a test file's assertions while keeping its tests running: `expect(...)` (vitest's, imported or
 * global) and node:assert become inert, so every test still calls the code it covers (the coverage holds) but
 * can no longer fail (the mutants only it killed now survive). Functions and promises handed to `expect` are
 * still called and awaited, as `toThrow` and `rejects` would, so the code they reach stays covered.
 */

/** The inert stand-in, written in JavaScript that TypeScript also accepts (`any` by annotation or JSDoc). */
function inertSource(typescript: boolean): string {
  const any = typescript ? ': any' : '';
  const jsdoc = typescript ? '' : '/** @type {any} */ ';
  return [
    '// roadmap verify phase-4: the assertions of this copy are disabled, to prove that the mutation gate fails.',
    `${jsdoc}const __roadmapInert${any} = (() => {`,
    `  const settle = (value${any}) => {`,
    "    if (typeof value === 'function') {",
    '      try { const r = value(); if (r && typeof r.then === "function") return r.then(() => undefined, () => undefined); } catch { /* an expected throw */ }',
    "    } else if (value && typeof value.then === 'function') return value.then(() => undefined, () => undefined);",
    '    return undefined;',
    '  };',
    `  const chain = (value${any}, pending${any} = undefined)${any} => new Proxy(function () {}, {`,
    "    get: (_t, key) => (key === 'then' ? (pending ? pending.then.bind(pending) : undefined) : chain(value)),",
    '    apply: () => settle(value),',
    '  });',
    '  // expect.soft(x), expect.poll(fn), assert.throws(fn), assert.rejects(promise): every argument is settled.',
    `  const method = new Proxy(function () {}, {`,
    "    get: (_t, key) => (key === 'then' ? undefined : method),",
    '    apply: (_t, _this, args) => {',
    '      const pending = args.map(settle).filter(Boolean);',
    '      return chain(args[0], pending.length ? Promise.all(pending) : undefined);',
    '    },',
    '  });',
    '  return new Proxy(function () {}, {',
    "    get: (_t, key) => (key === 'then' ? undefined : method),",
    '    apply: (_t, _this, args) => chain(args[0], undefined),',
    '  });',
    '})();',
  ].join('\n');
}

export interface Disabled {
  readonly text: string;
  /** `expect` calls and `assert` uses made inert. */
  readonly assertions: number;
}

const EXPECT_CALL = /\bexpect(?:\.\w+)?\s*\(/g;
const ASSERT_USE = /\bassert(?:\.\w+)?\s*\(/g;

/** Removes `name` from the named imports of `module`'s import declarations. */
function dropNamedImport(text: string, module: RegExp, name: string): string {
  return text.replace(/import\s*(type\s+)?\{([^}]*)\}\s*from\s*(['"])([^'"]+)\3;?/g, (whole: string, type: string | undefined, names: string, _q: string, from: string) => {
    if (type || !module.test(from)) return whole;
    const kept = names.split(',').map((n) => n.trim()).filter((n) => n && n !== name && !n.startsWith(`${name} `));
    return kept.length === names.split(',').map((n) => n.trim()).filter(Boolean).length ? whole : `import { ${kept.join(', ')} } from '${from}';`;
  });
}

/** The file with its assertions inert, or null when it has none roadmap knows how to disable. */
export function disableAssertions(text: string, fileName: string): Disabled | null {
  const expects = text.match(EXPECT_CALL)?.length ?? 0;
  const assertImport = /import\s+(?:\*\s+as\s+)?assert\s+from\s*['"](?:node:)?assert(?:\/strict)?['"];?|import\s*\{\s*strict\s+as\s+assert\s*\}\s*from\s*['"](?:node:)?assert['"];?/;
  const asserts = assertImport.test(text) ? (text.match(ASSERT_USE)?.length ?? 0) : 0;
  if (expects + asserts === 0) return null;
  let out = dropNamedImport(text, /^vitest$|^@jest\/globals$|^chai$/, 'expect');
  const declared: string[] = [];
  if (expects) declared.push('const expect = __roadmapInert;');
  if (asserts) {
    out = out.replace(assertImport, '');
    declared.push('const assert = __roadmapInert;');
  }
  const typescript = /\.[cm]?tsx?$/.test(fileName);
  return { text: `${inertSource(typescript)}\n${declared.join('\n')}\n${out}`, assertions: expects + asserts };
}
