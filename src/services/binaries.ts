import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Deps } from '../deps.js';

/** Looks a program up on PATH, and for Postgres also in Debian's versioned folders (/usr/lib/postgresql/N/bin). */
export function findBinary(deps: Deps, name: string): string | null {
  const dirs = (deps.env.PATH ?? '').split(delimiter).filter(Boolean);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse()) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}
