// Step 4 — the CLI: lint RFC files (and demo plans with --demo), exit 1 on errors, so
// it can run in CI next to the tests.
//   npx tsx curriculum/phase-9/week-1/code-along/main.ts docs/rfc/0001-multi-tenant.md
//   npx tsx curriculum/phase-9/week-1/code-along/main.ts --demo docs/demo-plan.md
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { checkDemoPlan } from './demo-plan.js';
import { formatFinding, lintRfc, type Finding } from './rfc-lint.js';

export interface Io {
  read(path: string): Promise<string>;
  print(line: string): void;
}

export async function cli(args: string[], io: Io): Promise<number> {
  const demo = args.includes('--demo');
  const files = args.filter((a) => a !== '--demo');
  if (files.length === 0) {
    io.print('usage: main.ts [--demo] <file.md>...');
    return 2;
  }
  let errors = 0;
  for (const file of files) {
    const text = await io.read(file);
    const findings: Finding[] = demo ? checkDemoPlan(text).findings : lintRfc(text);
    for (const f of findings) io.print(formatFinding(file, f));
    errors += findings.filter((f) => f.severity === 'error').length;
    if (findings.length === 0) io.print(`${file}: ok`);
  }
  return errors > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await cli(process.argv.slice(2), {
    read: (p) => readFile(p, 'utf8'),
    print: (line) => console.log(line),
  });
}
