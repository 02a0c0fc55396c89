import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { reaperDir, type GroupRecord } from '../system/reaper.js';
import { createTestDeps, type TestDeps } from '../system/test-deps.js';
import { chooseService, resolveService, waitForPort, type ResolvedService } from './service-resolver.js';

const MACHINE_PG = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PATH = process.env.PATH ?? '/usr/bin:/bin';

let deps: TestDeps | undefined;
const started: ResolvedService[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
  await deps?.dispose();
  deps = undefined;
});

function real(env: Record<string, string> = {}): TestDeps {
  deps = createTestDeps({ runner: 'real', env: { PATH, ...env } });
  return deps;
}

/** The pid files of this test process's groups, with what they record. */
function ownGroups(): GroupRecord[] {
  const dir = reaperDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${process.pid}-`) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GroupRecord);
}

/** A TCP server that accepts connections and never says a word. */
async function silentListener(): Promise<{ port: number; server: Server }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const portOf = (url: string): number => Number(new URL(url).port);

describe('resolving Postgres and Redis', () => {
  it('1. the environment’s URL is used as given', async () => {
    const s = await resolveService(real({ DATABASE_URL: MACHINE_PG }), 'postgres');
    expect(s).toMatchObject({ source: 'env', url: MACHINE_PG, detail: 'DATABASE_URL' });
    expect(await query(s.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('an unreachable or malformed URL in the environment is one line saying what to do', async () => {
    await expect(resolveService(real({ REDIS_URL: 'redis://127.0.0.1:1' }), 'redis')).rejects.toThrow(
      /^REDIS_URL points at 127\.0\.0\.1:1, which is not accepting connections: start it, or unset REDIS_URL to let roadmap start one$/,
    );
    await expect(resolveService(real({ DATABASE_URL: 'not a url' }), 'postgres')).rejects.toThrow(/^DATABASE_URL=not a url is not a URL/);
  });

  it.each([
    // Redis waits for the end of a line that Postgres's startup message never has: the connect timeout ends it.
    ['DATABASE_URL at Redis’s port', 'postgres', 'DATABASE_URL', 'postgres://postgres@127.0.0.1:6379/test', /^DATABASE_URL points at 127\.0\.0\.1:6379, which did not answer as Postgres within 1 s: point it at a Postgres server, or unset DATABASE_URL to let roadmap start one$/],
    ['REDIS_URL at Postgres’s port', 'redis', 'REDIS_URL', 'redis://127.0.0.1:5432', /^REDIS_URL points at 127\.0\.0\.1:5432, which does not answer as Redis \(.+\): point it at a Redis server, or unset REDIS_URL to let roadmap start one$/],
    ['DATABASE_URL naming a database that does not exist', 'postgres', 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/roadmap_no_such_db', /^DATABASE_URL: the Postgres at 127\.0\.0\.1:5432 refused the connection \(database "roadmap_no_such_db" does not exist\): fix the URL/],
  ] as const)('%s fails with one line instead of hanging', async (_case, name, variable, url, message) => {
    await expect(resolveService(real({ [variable]: url }), name, { connectTimeoutMs: 1_000 })).rejects.toThrow(message);
  });

  it('a URL at a listener that never answers fails after the connect timeout, instead of hanging', async () => {
    const { port, server } = await silentListener();
    try {
      for (const [name, variable] of [['postgres', 'DATABASE_URL'], ['redis', 'REDIS_URL']] as const) {
        const url = `${name}://127.0.0.1:${port}/x`;
        await expect(resolveService(real({ [variable]: url }), name, { connectTimeoutMs: 300 })).rejects.toThrow(
          new RegExp(`^${variable} points at 127\\.0\\.0\\.1:${port}, which did not answer as ${name === 'postgres' ? 'Postgres' : 'Redis'} within 0\\.3 s: `),
        );
        // doctor says the same instead of "ok".
        expect(await chooseService(real({ [variable]: url }), name, undefined, { connectTimeoutMs: 300 })).toMatchObject({ source: null, detail: expect.stringMatching(/did not answer/) });
      }
    } finally {
      server.close();
    }
  });

  it('a Docker that says it runs but cannot start a container is passed over with the reason, to the next source', async () => {
    // A docker client whose engine is gone: `docker info` still answers, testcontainers cannot reach any engine.
    const bin = mkdtempSync(join(tmpdir(), 'roadmap-fake-docker-'));
    writeFileSync(join(bin, 'docker'), '#!/bin/sh\necho 27.0.0\n');
    chmodSync(join(bin, 'docker'), 0o755);
    const saved = { PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST };
    process.env.PATH = `${bin}:${PATH}`;
    process.env.DOCKER_HOST = `unix://${join(bin, 'no-engine.sock')}`;
    try {
      const s = await resolveService(real(), 'redis', { sources: ['docker', 'local'] });
      started.push(s);
      expect(s.source).toBe('local');
    } finally {
      Object.assign(process.env, saved);
      if (saved.DOCKER_HOST === undefined) delete process.env.DOCKER_HOST;
      rmSync(bin, { recursive: true, force: true });
    }
    const error = await resolveService(real(), 'redis', { sources: ['docker'] }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^No Redis available \(Docker: /);
  }, 60_000);

  it('2. Docker is passed over with the reason when there is no docker (this machine has none)', async () => {
    const d = real();
    const error = await resolveService(d, 'redis', { sources: ['docker'] }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^No Redis available \(Docker: (docker is not installed|the docker engine is not running \(docker info failed\))\): set REDIS_URL, start Docker, or install Redis/);
  });

  it('3. a private redis-server on a free port', async () => {
    const s = await resolveService(real(), 'redis', { sources: ['local'] });
    expect(s).toMatchObject({ source: 'local' });
    expect(portOf(s.url)).not.toBe(6379);
    const redis = new Redis(s.url, { lazyConnect: true });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    await s.stop();
    expect(await waitForPort('127.0.0.1', portOf(s.url), 300)).toBe(false);
  });

  it('a private redis-server has a pid file while it runs, and an interrupt (the lifecycle’s cleanups) stops it, its folder and its pid file', async () => {
    const d = real();
    const s = await resolveService(d, 'redis', { sources: ['local'] });
    const [group] = ownGroups().filter((g) => g.command.includes(`--port ${portOf(s.url)}`));
    expect(group).toMatchObject({ owner: { pid: process.pid }, dir: expect.stringMatching(/\/roadmap-redis-/) });
    expect(existsSync(group!.dir!)).toBe(true);
    await d.lifecycle.runCleanups();
    expect(await waitForPort('127.0.0.1', portOf(s.url), 300)).toBe(false);
    expect(existsSync(group!.dir!)).toBe(false);
    expect(ownGroups().filter((g) => g.pid === group!.pid)).toEqual([]);
  });

  it('3. a private Postgres from initdb on a free port (as the postgres user when run as root)', async () => {
    const s = await resolveService(real(), 'postgres', { sources: ['local'] });
    started.push(s);
    expect(s.source).toBe('local');
    expect(await query(s.url, "select current_setting('port') as port")).toEqual([{ port: String(portOf(s.url)) }]);
    await started.pop()!.stop();
    expect(await waitForPort('127.0.0.1', portOf(s.url), 300)).toBe(false);
  }, 60_000);

  it('4. PGlite over pglite-socket speaks the Postgres protocol, with pgvector', async () => {
    const s = await resolveService(real(), 'postgres', { sources: ['embedded'] });
    started.push(s);
    expect(s.source).toBe('embedded');
    await query(s.url, 'create extension if not exists vector');
    expect(await query(s.url, "select ('[1,2,3]'::vector <-> '[1,2,4]'::vector) as d")).toEqual([{ d: 1 }]);
    // Loading PGlite's WebAssembly takes seconds on a busy 2-core machine.
  }, 60_000);

  it('there is no embedded Redis: with nothing else, one line says how to get one', async () => {
    await expect(resolveService(real(), 'redis', { sources: ['embedded'] })).rejects.toThrow(/^No Redis available \(embedded: there is no embedded Redis\): set REDIS_URL, start Docker, or install Redis/);
  });

  it('doctor’s view: what would be chosen and why the earlier sources were passed over, without starting anything', async () => {
    expect(await chooseService(real({ REDIS_URL: 'redis://127.0.0.1:6379' }), 'redis')).toMatchObject({ source: 'env', passedOver: [] });
    const choice = await chooseService(real(), 'redis');
    expect(choice.source).toBe(existsSync('/usr/bin/redis-server') ? 'local' : null);
    expect(choice.passedOver[0]).toBe('REDIS_URL is not set');
    expect(choice.passedOver[1]).toMatch(/^Docker: /);
  });
});
