import { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { tildify } from '../../system/paths.js';
import { writeJson } from '../output.js';
import { parsePhase } from './task.js';

export async function projectInitRun(deps: Deps, phase: number, opts: { readonly dir?: string; readonly json?: boolean }): Promise<void> {
  const { initProject } = await import('../../verify/project-init.js');
  const r = await initProject(deps, { phase, dir: opts.dir });
  if (opts.json) return writeJson(deps.io, r);
  const dir = tildify(r.dir, deps.env);
  const what = r.continued ? `Continued your project in ${dir} (its code untouched)${r.files.length ? ', changed' : ''}` : `Created ${dir}`;
  deps.io.out(`${what}:\n${r.files.map((f) => `  ${f}`).join('\n')}\n`);
  deps.io.out(`Git: ${r.git.message}.\n`);
  deps.io.out(`Next: read ${dir}/README.md, then \`cd ${dir} && npm install\`; \`roadmap verify phase-${phase} --stage 1\` checks the first Saturday's stage, \`roadmap verify phase-${phase}\` all of it.\n`);
}

export function makeProjectCommand(deps: Deps): Command {
  const project = new Command('project').description("your own mini-projects: scaffold a phase's project from its starter");
  project
    .command('init')
    .argument('<phase>', 'the phase, e.g. phase-1 or 1', parsePhase)
    .description("scaffold a phase's mini-project in your workspace: README with the task and the contract, package.json, an empty entry point")
    .option('--dir <dir>', 'put it here instead of <workspace>/projects/<name>')
    .option('--json', 'print what was created as JSON')
    .addHelpText('after', '\nAn existing folder is never overwritten.\n\nExample:\n  $ roadmap project init phase-1')
    .action((phase: number, opts: { dir?: string; json?: boolean }) => projectInitRun(deps, phase, opts));
  return project;
}
