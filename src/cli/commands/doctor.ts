import { Command } from 'commander';
import { restoreStore, runDoctor } from '../../coach/doctor.js';
import type { Deps } from '../../deps.js';
import { CheckFailedError } from '../../errors.js';
import { tildify } from '../../system/paths.js';
import { styleFor, table, writeJson } from '../output.js';

export async function doctorRun(deps: Deps, opts: { readonly json?: boolean }): Promise<void> {
  const r = await runDoctor(deps);
  const { phaseNeeds } = await import('../../verify/phase-needs.js');
  const needs = await phaseNeeds(deps);
  if (opts.json) writeJson(deps.io, { ...r, phaseNeeds: needs });
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
    deps.io.out(
      '\n' +
        s.bold('what each phase verifier needs') +
        ' ' +
        s.dim('(a check whose need is missing is skipped, never failed)') +
        '\n' +
        table(
          needs.map((n) => [
            n.probe.ok ? s.green('ok  ') : s.yellow('skip'),
            `phase ${n.phase}`,
            n.fixture,
            n.probe.ok ? n.probe.detail : `${n.probe.detail}: ${n.probe.fix ?? ''}`,
            s.dim(n.checks.join(', ')),
          ]),
        ) +
        '\n',
    );
  }
  if (!r.coreOk) throw new CheckFailedError('roadmap itself has a problem (see FAIL above)');
}

/** `--restore [backup]`: puts the backup back first and says so on stderr, so `--json` stays the report alone. */
export async function doctorRestoreRun(deps: Deps, which: string | true): Promise<void> {
  const r = await restoreStore(deps, which === true ? undefined : which);
  const kept = r.keptAs ? `; the store it replaced is kept as ${tildify(r.keptAs, deps.env)}` : '';
  deps.io.err(`Restored ${r.backup} (taken ${r.takenAt}; what was recorded after it is not in it)${kept}.\n`);
}

export function makeDoctorCommand(deps: Deps): Command {
  return new Command('doctor')
    .description('check Node, the store and its integrity, the workspace, and which tools later phases need')
    .option('--json', 'print the checks as JSON')
    .option('--restore [backup]', 'first put back the newest sound backup of the store, or the one named (the replaced store is kept)')
    .addHelpText(
      'after',
      '\nBackups of the store are taken once a day and before each upgrade, in $ROADMAP_HOME/backups (the last 7 are kept);\n' +
        'close other roadmap windows before --restore. A store an older roadmap left half-upgraded is repaired by `roadmap doctor` itself.\n' +
        '\nExit status: 0 when roadmap itself works (missing tools only limit later phases), 3 otherwise.\n\nExamples:\n  $ roadmap doctor\n  $ roadmap doctor --restore\n  $ roadmap doctor --restore roadmap-20250612-090000-daily.db',
    )
    .action(async (opts: { json?: boolean; restore?: string | true }) => {
      if (opts.restore !== undefined) await doctorRestoreRun(deps, opts.restore);
      await doctorRun(deps, opts);
    });
}
