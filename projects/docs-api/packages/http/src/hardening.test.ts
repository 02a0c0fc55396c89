import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import { buildApp, type DocsApi } from './app.js';

// Security headers, CORS, rate limit, body limit and what a 500 shows, through app.inject on a real database.
describe('HTTP hardening', () => {
  let database: TestDatabase;
  let app: DocsApi;
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({
      databaseUrl: database.url,
      security: { corsOrigins: ['https://app.docs.example'] },
      bodyLimit: 4096,
      logger: { level: 'warn', stream: new Writable({ write: (chunk, _encoding, done) => void (logLines.push(String(chunk)), done()) }) },
    });
    // A route that fails the way a bug does, with a secret in its message: what does the client see?
    app.get('/boom', async () => {
      throw new Error('connect failed for postgres://admin:hunter2@db.internal:5432/docs');
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('sends helmet security headers on answers and on errors, and no X-Powered-By', async () => {
    for (const url of ['/documents?limit=1', '/documents/999999', '/no-such-route']) {
      const res = await app.inject(url);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('allows CORS from a configured origin only', async () => {
    const allowed = await app.inject({ url: '/documents?limit=1', headers: { origin: 'https://app.docs.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.docs.example');
    expect(allowed.headers.vary).toMatch(/Origin/);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/documents',
      headers: { origin: 'https://app.docs.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');

    const denied = await app.inject({ url: '/documents?limit=1', headers: { origin: 'https://evil.example' } });
    expect(denied.statusCode).toBe(200); // the browser, not the server, withholds the answer: no allow header
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const deniedPreflight = await app.inject({ method: 'OPTIONS', url: '/documents', headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' } });
    // @fastify/cors still lists the methods; without Access-Control-Allow-Origin the browser refuses the preflight.
    expect(deniedPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers at all when no origin is configured', async () => {
    const closed = await buildApp({ databaseUrl: database.url });
    try {
      const res = await closed.inject({ url: '/documents?limit=1', headers: { origin: 'https://app.docs.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
  });

  it('answers 413 /problems/payload-too-large to a body over the limit, and writes nothing', async () => {
    const res = await app.inject({ method: 'POST', url: '/documents', payload: { url: 'https://docs.example/big', title: 'Big', body: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({ type: '/problems/payload-too-large', title: 'Payload Too Large', status: 413, detail: 'the request body is over the size limit', instance: '/documents' });
    expect((await app.inject('/documents/by-slug/big')).statusCode).toBe(404);
  });

  it('answers a bug with a 500 problem that holds neither the message nor the stack, and logs them', async () => {
    const res = await app.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred', instance: '/boom' });
    expect(res.body).not.toMatch(/hunter2|postgres:|at .*\.ts|stack/);
    expect(logLines.join('')).toContain('hunter2'); // the operator still has it
  });

  it('says in its log that writes are open when auth is not configured', () => {
    expect(logLines.join('')).toContain('writes are open to anyone (phase 2 behaviour)');
  });

  it('answers 429 /problems/rate-limited with Retry-After once a client is over its limit', async () => {
    const limited = await buildApp({ databaseUrl: database.url, security: { rateLimitMax: 3, rateLimitWindowMs: 60_000 } });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await limited.inject('/documents?limit=1');
        expect(ok.statusCode).toBe(200);
        expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      }
      const res = await limited.inject('/documents?limit=1');
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Another client (by address) has its own budget.
      expect((await limited.inject({ url: '/documents?limit=1', remoteAddress: '10.0.0.7' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
