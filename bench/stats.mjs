/** Median and spread of a list of numbers (milliseconds, usually). */
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (x) => Math.round(x * 10) / 10;
  return { n: s.length, median: round(q(0.5)), p10: round(q(0.1)), p90: round(q(0.9)), min: round(s[0]), max: round(s.at(-1)) };
}

/** Wall time of a command, run to completion, in milliseconds. */
export async function timeCommand(spawnSync, cmd, args, options) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
