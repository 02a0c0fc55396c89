import { Command } from 'commander';
import { runDoctor } from '../../coach/doctor.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError } from '../../errors.js';
import { styleFor, table, writeJson } from '../output.js';

export async function doctorRun(deps: Deps, opts: { readonly json?: boolean }): Promise<void> {
  const r = await runDoctor(deps);
  if (opts.json) writeJson(deps.io, r);
  else {
    const s = styleFor(deps.io);
    const mark = { ok: s.green('ok  '), warn: s.yellow('warn'), fail: s.red('FAIL') };
    deps.io.out(s.bold('roadmap') + '\n' + table(r.core.map((c) => [mark[c.status], c.name, c.detail])) + '\n\n');
    deps.io.out(
      s.bold('tools') +
        '\n' +
        table(r.tools.map((t) => [t.version ? s.green('ok  ') : s.dim('--  '), t.name, t.version ?? s.dim('missing'), s.dim(`${t.neededFor}${t.note ? ` · ${t.note}` : ''}`)])) +
        '\n\n',
    );
    deps.io.out(
      s.bold('services for the projects') +
        ' ' + s.dim('(environment URL → Docker → local binaries → embedded)') +
        '\n' +
        table(r.services.map((c) => [c.source ? s.green('ok  ') : s.yellow('--  '), c.name, c.source ?? 'none', c.detail])) +
        '\n' +
        r.services.flatMap((c) => c.passedOver.map((why) => s.dim(`  ${c.name}: passed over: ${why}`))).join('\n') +
        '\n' +
        r.reaped.map((what) => `  cleaned up after a roadmap that was killed: ${what}\n`).join(''),
    );
  }
  if (!r.coreOk) throw new CheckFailedError('roadmap itself has a problem (see FAIL above)');
}

export function makeDoctorCommand(deps: Deps): Command {
  return new Command('doctor')
    .description('check Node, the store and its integrity, the workspace, and which tools later phases need')
    .option('--json', 'print the checks as JSON')
    .addHelpText('after', '\nExit status: 0 when roadmap itself works (missing tools only limit later phases), 3 otherwise.\n\nExample:\n  $ roadmap doctor')
    .action((opts: { json?: boolean }) => doctorRun(deps, opts));
}
