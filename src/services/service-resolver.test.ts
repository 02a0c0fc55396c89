import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner } from '../system/runner.js';
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
  deps = createTestDeps({ runner: execaRunner(), env: { PATH, ...env } });
  return deps;
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
  });

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
