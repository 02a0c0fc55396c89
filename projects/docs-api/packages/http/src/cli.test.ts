import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFromEnv, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, hardeningFromEnv, runDocsApi } from './cli.js';
import { runCli } from './testing/cli-run.js';
import { RedisDocumentCache as DocumentCache } from '@docs-api/adapter-redis';
import { PostgresDocumentRepository as DocumentRepository } from '@docs-api/adapter-postgres';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';


function page(url: string, text: string, title = 'A page'): string {
  return JSON.stringify({ url, status: 200, title, headings: [{ level: 1, text: title }], text, links: [`${url}/next`] });
}

describe('docs-api command line', () => {
  it.each([
    [[], 'a command is required'],
    [['bogus'], 'unknown command "bogus"'],
    [['migrate', 'sideways'], 'migrate direction must be latest, up or down'],
    [['import'], 'import takes one NDJSON file'],
    [['serve', '--port', 'eighty'], '--port must be a port number'],
    [['migrate', '--port', '1'], '--port and --host are options of serve'],
    [['serve', '--nope'], "Unknown option '--nope'"],
  ])('%j is a usage error: one line, the usage, exit 2', async (argv, message) => {
    const r = await runCli(argv, { DATABASE_URL: 'postgres://unused' });
    expect(r.code).toBe(EXIT_USAGE);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain(message);
    expect(lines[1]).toMatch(/^usage: docs-api/);
    expect(r.stdout).toBe('');
  });

  it.each([['migrate'], ['import', 'x.ndjson'], ['serve']])('%s without DATABASE_URL: one line, exit 1', async (...argv) => {
    const r = await runCli(argv, {});
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toMatch(/^docs-api: DATABASE_URL is not set[^\n]*\n$/);
  });
});

describe('docs-api migrate and import', () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dir = await mkdtemp(join(tmpdir(), 'docs-api-cli-'));
    env = { DATABASE_URL: database.url, REDIS_URL, CACHE_PREFIX: uniqueName('test:'), CACHE_CHANNEL: uniqueName('test-channel:') };
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('migrates one step up, to the latest, one step down and back', async () => {
    expect(await runCli(['migrate', 'up'], env)).toMatchObject({ code: EXIT_OK, stdout: 'migrated up: 0001_create_documents\n' });
    const latest = await runCli(['migrate'], env);
    expect(latest.stdout.trim().split('\n')).toEqual(['migrated up: 0002_expand_content', 'migrated up: 0003_switch_to_content', 'migrated up: 0004_contract_body']);
    expect(await runCli(['migrate', 'down'], env)).toMatchObject({ code: EXIT_OK, stdout: 'migrated down: 0004_contract_body\n' });
    expect(await runCli(['migrate', 'latest'], env)).toMatchObject({ code: EXIT_OK, stdout: 'migrated up: 0004_contract_body\n' });
    expect(await runCli(['migrate', 'latest'], env)).toMatchObject({ code: EXIT_OK, stdout: '', stderr: 'migrate: nothing to do\n' });
  });

  it('imports idempotently by URL, bumps the version of changed pages, skips malformed lines with their numbers', async () => {
    const lines = [
      page('https://a.dev/docs/intro', 'Intro text'),
      '{"url": "https://a.dev/broken"',
      page('https://a.dev/docs/setup', 'Setup text'),
      '',
      JSON.stringify({ url: 'mailto:x@y', status: 200, title: '', headings: [], text: '', links: [] }),
      page('https://b.dev/docs/intro', 'Same path on another host'),
      JSON.stringify({ url: 'https://a.dev/no-text', status: 200, title: 't', headings: [], links: [] }),
    ];
    const file = join(dir, 'crawl.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const first = await runCli(['import', file], env);
    expect(first).toMatchObject({ code: EXIT_OK, stderr: '' });
    expect(first.stdout).toBe(`imported ${file}: 3 inserted, 0 updated, 0 unchanged, 3 skipped (malformed lines 2, 5, 7)\n`);
    expect((await runCli(['import', file], env)).stdout).toContain(': 0 inserted, 0 updated, 3 unchanged, 3 skipped');

    const repository = new DocumentRepository(database.db);
    const intro = (await repository.findBySlug('docs-intro'))!;
    expect(intro).toMatchObject({ url: 'https://a.dev/docs/intro', version: 1, body: 'Intro text', links: ['https://a.dev/docs/intro/next'] });
    // The same path on another host gets a disambiguated slug.
    const other = (await database.db.selectFrom('documents').select('slug').where('url', '=', 'https://b.dev/docs/intro').executeTakeFirstOrThrow()).slug;
    expect(other).toMatch(/^docs-intro-[0-9a-f]{8}$/);

    // A cached copy of the page, then a crawl where it changed: the import bumps the version and invalidates it.
    const cache = new DocumentCache({ redisUrl: REDIS_URL, keyPrefix: env.CACHE_PREFIX, channel: env.CACHE_CHANNEL, logger: { info: () => {}, warn: () => {} } });
    const redis = new Redis(REDIS_URL);
    try {
      expect(await cache.waitUntilUp(5000)).toBe(true);
      await cache.fill('id', String(intro.id), intro);
      expect(await redis.exists(`${env.CACHE_PREFIX}doc:id:${intro.id}`)).toBe(1);
      const changed = join(dir, 'changed.ndjson');
      await writeFile(changed, `${page('https://a.dev/docs/intro', 'Intro text, revised')}\n${page('https://a.dev/docs/setup', 'Setup text')}\n`);
      expect((await runCli(['import', changed], env)).stdout).toContain(': 0 inserted, 1 updated, 1 unchanged, 0 skipped');
      expect(await redis.exists(`${env.CACHE_PREFIX}doc:id:${intro.id}`)).toBe(0);
    } finally {
      await cache.close();
      await redis.quit();
    }
    expect(await repository.findBySlug('docs-intro')).toMatchObject({ version: 2, body: 'Intro text, revised' });
  });

  it('imports a file of several batches', async () => {
    const file = join(dir, 'large.ndjson');
    const count = 2_345;
    await writeFile(file, Array.from({ length: count }, (_, i) => page(`https://c.dev/p/${i}`, `text ${i}`)).join('\n'));
    expect((await runCli(['import', file], env)).stdout).toContain(`: ${count} inserted, 0 updated, 0 unchanged, 0 skipped`);
  });

  it('keeps going past records Postgres cannot hold: NUL cleaned, a bad URL skipped, an out-of-range value refused', async () => {
    const file = join(dir, 'hostile.ndjson');
    const lines = Array.from({ length: 1200 }, (_, i) => page(`https://h.dev/p/${i + 1}`, `text ${i + 1}`));
    lines[500] = JSON.stringify({ url: 'https://h.dev/p/501', status: 200, title: 'nul\0title', headings: [{ level: 1, text: 'h\0' }], text: 'binary\0junk', links: ['https://h.dev/\0'] });
    lines[501] = JSON.stringify({ url: 'https://h.dev/p/\u0000502', status: 200, title: 't', headings: [], text: 'x', links: [] });
    lines[899] = JSON.stringify({ url: 'https://h.dev/p/900', status: 1e12, title: 't', headings: [], text: 'x', links: [] });
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await runCli(['import', file], env);
    expect(r).toMatchObject({ code: EXIT_OK, stderr: '' });
    expect(r.stdout).toBe(
      `imported ${file}: 1198 inserted, 0 updated, 0 unchanged, 2 skipped (malformed line 502; refused by Postgres: line 900), ` +
        '1 cleaned (NUL replaced by U+FFFD: line 501)\n',
    );
    const count = await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('url', 'like', 'https://h.dev/%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1198);
    const { slug } = await database.db.selectFrom('documents').select('slug').where('url', '=', 'https://h.dev/p/501').executeTakeFirstOrThrow();
    expect(await new DocumentRepository(database.db).findBySlug(slug)).toMatchObject({
      title: 'nul\uFFFDtitle',
      headings: [{ level: 1, text: 'h\uFFFD' }],
      body: 'binary\uFFFDjunk',
      links: ['https://h.dev/\uFFFD'],
    });
    // A second run finds the same, and changes nothing.
    expect((await runCli(['import', file], env)).stdout).toContain(': 0 inserted, 0 updated, 1198 unchanged, 2 skipped');
  });

  it('fails with one line when the file cannot be read', async () => {
    const r = await runCli(['import', join(dir, 'missing.ndjson')], env);
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toMatch(/^docs-api: Cannot read "[^"]+missing.ndjson": ENOENT[^\n]*\n$/);
  });
});

describe('security settings from the environment', () => {
  const full = { AUTH_ISSUER: 'https://auth.example', AUTH_AUDIENCE: 'https://api.example', AUTH_JWKS_URL: 'https://auth.example/jwks.json' };

  it('leaves writes open with no AUTH_* set, and enforces tokens with all three', () => {
    expect(authFromEnv({})).toBeUndefined();
    expect(authFromEnv({ ...full, AUTH_CLOCK_TOLERANCE_SECONDS: '10' })).toEqual({
      issuer: 'https://auth.example',
      audience: 'https://api.example',
      jwksUrl: new URL('https://auth.example/jwks.json'),
      clockToleranceSeconds: 10,
    });
  });

  it.each([
    [{ AUTH_ISSUER: full.AUTH_ISSUER }, 'AUTH_AUDIENCE and AUTH_JWKS_URL must be set with AUTH_ISSUER'],
    [{ ...full, AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL is not a URL'],
    [{ ...full, AUTH_CLOCK_TOLERANCE_SECONDS: 'soon' }, 'AUTH_CLOCK_TOLERANCE_SECONDS must be a number'],
  ])('refuses a partial or wrong auth configuration (%o) rather than starting open', (env, message) => {
    expect(() => authFromEnv(env)).toThrow(message);
  });

  it('reads CORS_ORIGINS, RATE_LIMIT_* and BODY_LIMIT_BYTES, and refuses a limit that is not a positive integer', () => {
    expect(hardeningFromEnv({})).toEqual({ security: { corsOrigins: [] } });
    expect(hardeningFromEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', RATE_LIMIT_MAX: '100', RATE_LIMIT_WINDOW_MS: '1000', BODY_LIMIT_BYTES: '65536' })).toEqual({
      security: { corsOrigins: ['https://a.example', 'https://b.example'], rateLimitMax: 100, rateLimitWindowMs: 1000 },
      bodyLimit: 65536,
    });
    expect(() => hardeningFromEnv({ RATE_LIMIT_MAX: '0' })).toThrow('RATE_LIMIT_MAX must be a positive integer, got "0"');
  });

  it('exits 1 with one line when serve is given half an auth configuration', async () => {
    const r = await runCli(['serve', '--port', '0'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', AUTH_ISSUER: full.AUTH_ISSUER });
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toBe('docs-api: AUTH_AUDIENCE and AUTH_JWKS_URL must be set with AUTH_ISSUER (or none of them, for open writes)\n');
  });
});
