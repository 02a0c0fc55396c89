/**
 * The narrow slice of a Postgres client the adapters need. Both `pg.Client` (wrapped) and PGlite
 * satisfy it, so the same adapter runs against a real server in CI and in-process locally.
 */
export interface Sql {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
}
