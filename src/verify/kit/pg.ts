import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Deps } from '../../deps.js';
import type { Scope } from '../frame.js';
import { registerDatabase } from './database-registry.js';

/** The URL of `database` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction anyway). */
export async function queryRows<T>(url: string, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, params as unknown[])).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Creates a database of roadmap's own on the server (`roadmap_<purpose>_<unique>`), dropped when the scope
 * closes — and on Ctrl-C, SIGTERM or a crash, through the lifecycle; after a SIGKILL, by the next start's reaper —
 * so nothing is left on the learner's server.
 */
export async function createDatabase(scope: Scope & { readonly deps: Deps }, serverUrl: string, purpose: string): Promise<{ name: string; url: string }> {
  const name = `roadmap_${purpose}_${randomBytes(5).toString('hex')}`;
  // Registered and its drop deferred before it exists, so an interrupt or a SIGKILL at any point still finds it;
  // the drop waits for a create still in flight, or it could run first and leave the database behind.
  const forget = registerDatabase(scope.deps, serverUrl, name);
  const created = queryRows(serverUrl, `create database ${name}`);
  scope.defer(async () => {
    await created.catch(() => undefined);
    await queryRows(serverUrl, `drop database if exists ${name} with (force)`);
    forget();
  }, `drop database ${name}`);
  await created;
  return { name, url: databaseUrl(serverUrl, name) };
}

/** Row counts and a checksum of every table in `public`, rows ordered by their text. */
export async function fingerprint(url: string): Promise<Map<string, string>> {
  const tables = await queryRows<{ t: string }>(url, "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
  const out = new Map<string, string>();
  for (const { t } of tables) {
    const [row] = await queryRows<{ n: string; sum: string | null }>(url, `select count(*)::text as n, md5(string_agg(x::text, ',' order by x::text)) as sum from "${t}" x`);
    out.set(t, `${row!.n}:${row!.sum ?? '-'}`);
  }
  return out;
}

/** The columns of every table in `public`: a schema fingerprint to see whether a migration changed anything. */
export async function schemaFingerprint(url: string): Promise<string> {
  const rows = await queryRows<{ c: string }>(
    url,
    "select table_name || '.' || column_name || ':' || data_type as c from information_schema.columns where table_schema = 'public' order by 1",
  );
  const indexes = await queryRows<{ c: string }>(url, "select indexname as c from pg_indexes where schemaname = 'public' order by 1");
  return [...rows, ...indexes].map((r) => r.c).join('\n');
}
