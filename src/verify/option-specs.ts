/**
 * Every phase's flags, for the `verify` and `run` commands to build their options from. Light on purpose: only
 * the declarations, never a verifier (those load on demand from phases.ts).
 */
import type { OptionSpec } from './options.js';
import { phase1Options } from './phase-1/options.js';
import { phase2Options } from './phase-2/options.js';
import { phase3Options } from './phase-3/options.js';
import { phase4Options } from './phase-4/options.js';

export const PHASE_OPTIONS: Readonly<Record<number, readonly OptionSpec[]>> = {
  1: phase1Options,
  2: phase2Options,
  3: phase3Options,
  4: phase4Options,
};

/** One commander flag per distinct flag, its help naming the phases that take it ("phase 1: …; phase 2: …"). */
export function commandFlags(command: 'verify' | 'run'): { readonly flag: string; readonly help: string }[] {
  const byFlag = new Map<string, string[]>();
  for (const [phase, specs] of Object.entries(PHASE_OPTIONS)) {
    for (const spec of specs) {
      if (!spec.commands.includes(command)) continue;
      const helps = byFlag.get(spec.flag) ?? [];
      helps.push(`phase ${phase}: ${spec.help}`);
      byFlag.set(spec.flag, helps);
    }
  }
  return [...byFlag].map(([flag, helps]) => ({ flag, help: helps.join('; ') }));
}
