/**
 * A phase's flags as data. The `verify` and `run` commands build their options from these declarations
 * (option-specs.ts), so a phase adds a flag without touching a command. Kept free of zod and of the verifiers
 * themselves: every command is built at start-up, and `roadmap today` must not pay for them.
 */
import { UsageError } from '../errors.js';

export type OptionValue = number | boolean;
export type OptionValues = Readonly<Record<string, OptionValue | undefined>>;

export interface OptionSpec {
  /** The key commander gives (`pages` for --pages, `loadSeconds` for --load-seconds). */
  readonly key: string;
  /** `--pages <n>` or `--site-only`. */
  readonly flag: string;
  readonly help: string;
  readonly type: 'integer' | 'boolean';
  readonly min?: number;
  readonly max?: number;
  /** Applied when the flag is not given. */
  readonly default?: OptionValue;
  /** Which commands take it. */
  readonly commands: readonly ('verify' | 'run')[];
}

/** The integer value of `key` (its default applied by `resolveOptions`). */
export function intOption(options: OptionValues, key: string): number {
  const v = options[key];
  if (typeof v !== 'number') throw new Error(`option ${key} has no integer value`);
  return v;
}

/**
 * Checks the flags given against a phase's declarations and applies the defaults: a flag of another phase, or
 * a value out of range, is a one-line usage error that names what the phase takes.
 */
export function resolveOptions(phase: number, specs: readonly OptionSpec[], command: 'verify' | 'run', given: OptionValues): OptionValues {
  const own = specs.filter((s) => s.commands.includes(command));
  const out: Record<string, OptionValue | undefined> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const spec = own.find((s) => s.key === key);
    if (!spec) {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      const takes = own.map((s) => s.flag.split(' ')[0]).join(', ');
      throw new UsageError(`${flag} is not an option of \`roadmap ${command} phase-${phase}\` (${takes ? `it takes ${takes}` : 'it takes no phase options'})`);
    }
    if (spec.type === 'integer') {
      const n = Number(value);
      const min = spec.min ?? 1;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < min || n > max) {
        throw new UsageError(`${spec.flag.split(' ')[0]} ${String(value)}: phase ${phase} takes a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
      }
      out[key] = n;
    } else out[key] = Boolean(value);
  }
  for (const spec of own) if (out[spec.key] === undefined && spec.default !== undefined) out[spec.key] = spec.default;
  return out;
}
