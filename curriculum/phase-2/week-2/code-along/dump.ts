import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Major version of a client tool, e.g. 15 for "pg_dump (PostgreSQL) 15.20", or null if it is not installed. */
export async function toolMajorVersion(tool: 'pg_dump' | 'pg_restore'): Promise<number | null> {
  try {
    const { stdout } = await run(tool, ['--version'])
    const match = /(\d+)(?:\.\d+)?/.exec(stdout)
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** Dumps one schema in pg_dump's custom format (compressed, restorable selectively with pg_restore). */
export async function dumpSchema(url: string, schema: string, file: string): Promise<void> {
  await run('pg_dump', ['--dbname', url, '--schema', schema, '--format', 'custom', '--no-owner', '--file', file])
}

/** Restores a custom-format dump; --exit-on-error turns any failed statement into a failed restore. */
export async function restoreDump(url: string, file: string): Promise<void> {
  await run('pg_restore', ['--dbname', url, '--no-owner', '--exit-on-error', file])
}

/**
 * Creates an empty scratch database next to the one in `url`, passes its URL to `fn`, and drops it
 * afterwards (WITH (FORCE) also closes connections `fn` forgot). Needs the CREATEDB privilege.
 */
export async function withScratchDatabase<T>(url: string, admin: { exec(sql: string): Promise<void> }, fn: (scratchUrl: string) => Promise<T>): Promise<T> {
  const name = `scratch_${process.pid}_${Date.now()}`
  await admin.exec(`CREATE DATABASE ${name}`)
  try {
    const scratch = new URL(url)
    scratch.pathname = `/${name}`
    return await fn(scratch.toString())
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}
