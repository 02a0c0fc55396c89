import type { Io } from '../system/io.js';

/** `--json` output: one pretty JSON document on stdout, the same shape for every command. */
export function writeJson(io: Io, data: unknown): void {
  io.out(JSON.stringify(data, null, 2) + '\n');
}

export interface Style {
  bold(t: string): string;
  dim(t: string): string;
  green(t: string): string;
  yellow(t: string): string;
  red(t: string): string;
  cyan(t: string): string;
}

const wrap = (open: number, close: number) => (t: string) => `\u001b[${open}m${t}\u001b[${close}m`;

const id = (t: string): string => t;
/** No colour, no decoration: for files and pipes. */
export const PLAIN_STYLE: Style = { bold: id, dim: id, green: id, yellow: id, red: id, cyan: id };

/** ANSI styles when the terminal takes colour (not piped, no NO_COLOR), identity otherwise. */
export function styleFor(io: Io): Style {
  if (!io.color) return PLAIN_STYLE;
  return { bold: wrap(1, 22), dim: wrap(2, 22), green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), cyan: wrap(36, 39) };
}

/** A text progress bar of `width` cells. */
export function bar(fraction: number, width = 20): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatMinutes(m: number): string {
  return `${Math.floor(m + 1e-9)} min`;
}

/** A line's width on screen: its length without the colour codes. */
export function visibleWidth(line: string): number {
  return line.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Pads the columns of rows of cells to a plain-text table. */
export function table(rows: readonly (readonly string[])[], gap = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(c))));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - visibleWidth(c)))).join(gap).trimEnd())
    .join('\n');
}
