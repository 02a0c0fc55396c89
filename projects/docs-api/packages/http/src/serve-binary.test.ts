import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStdoutLine } from './testing/cli-run.js';
import { createTestDatabase, REDIS_URL, uniqueName, type TestDatabase } from '@docs-api/adapter-postgres/testing';

// The built binary, as the verifier starts it (npm run build -w @roadmap/docs-api first).
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'docs-api.js');

// A parent that starts `docs-api serve` and then only waits, to be SIGKILLed. MODE=pipe gives the server a stdin
// pipe (and keeps its end open); MODE=env names itself in ROADMAP_PARENT_PID.
const PARENT = `
const { spawn } = require('node:child_process');
const mode = process.env.MODE;
const env = { ...process.env, ...(mode === 'env' ? { ROADMAP_PARENT_PID: String(process.pid) } : {}) };
spawn(process.execPath, process.argv.slice(1), { stdio: [mode === 'pipe' ? 'pipe' : 'ignore', 'inherit', 'inherit'], env });
setInterval(() => {}, 1 << 30);
`;

describe('docs-api serve (the built binary)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line, serves, and exits 0 on %s', async (signal) => {
    const child = execa('node', [BIN, 'serve'], {
      reject: false,
      // As roadmap's runner starts it: /dev/null is at its end from the start, and that is no reason to stop.
      stdin: 'ignore',
      env: { DATABASE_URL: database.url, REDIS_URL, CACHE_PREFIX: uniqueName('test:'), CACHE_CHANNEL: uniqueName('test-channel:'), PORT: '0', LOG_LEVEL: 'info' },
      extendEnv: false,
    });
    try {
      const line = await firstStdoutLine(child);
      const event = JSON.parse(line) as { event: string; url: string };
      expect(event.event).toBe('listening');
      expect(event.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(event.url).not.toMatch(/:0$/);

      const health = await fetch(`${event.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ checks: { database: 'up' } });
      expect((await fetch(`${event.url}/documents`)).status).toBe(200);

      child.kill(signal);
      const result = await child;
      expect(result.exitCode).toBe(0);
      // stdout carries the listening line only; the logs (pino JSON) are on stderr.
      expect(String(result.stdout).trim().split('\n')).toEqual([line]);
      const logs = String(result.stderr).trim().split('\n').map((l) => JSON.parse(l) as { msg: string; signal?: string });
      expect(logs.some((l) => l.msg === 'closing' && l.signal === signal)).toBe(true);
      // No AUTH_*: writes are open (the phase 2 contract), and the log says so.
      expect(logs.filter((l) => l.msg.includes('writes are open to anyone'))).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('enforces access tokens and CORS from its environment', async () => {
    const child = execa('node', [BIN, 'serve'], {
      reject: false,
      stdin: 'ignore',
      env: {
        DATABASE_URL: database.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        AUTH_ISSUER: 'https://auth.docs.example',
        AUTH_AUDIENCE: 'https://docs-api.example',
        // Never fetched: a write without a token is refused before any key is needed.
        AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        CORS_ORIGINS: 'https://app.docs.example',
      },
      extendEnv: false,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout!.on('data', (b: Buffer) => {
          stdout += b.toString();
          if (stdout.includes('\n')) resolve((JSON.parse(stdout.split('\n')[0]!) as { url: string }).url);
        });
        void child.then((r) => reject(new Error(`exited ${r.exitCode} before listening: ${String(r.stderr)}`)));
      });
      const write = await fetch(`${url}/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://docs.example/x', title: 'x', body: 'x' }) });
      expect(write.status).toBe(401);
      expect(await write.json()).toMatchObject({ type: '/problems/unauthorized' });
      const read = await fetch(`${url}/documents?limit=1`, { headers: { origin: 'https://app.docs.example' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBe('https://app.docs.example');
      expect(read.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);
      expect(String(result.stderr)).not.toContain('writes are open');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it.each([
    ['stdin a pipe', 'pipe'],
    ['ROADMAP_PARENT_PID set (stdin ignored)', 'env'],
  ] as const)('%s: closes soon after its parent is SIGKILLed', async (_name, mode) => {
    const parent = spawn(process.execPath, ['-e', PARENT, BIN, 'serve'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'info', MODE: mode },
    });
    let stderr = '';
    parent.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // The server holds the other end of this pipe too: it closes once the server has exited, not the parent.
    const serverGone = once(parent.stderr, 'close');
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const { url } = JSON.parse(line.toString()) as { url: string };
      expect((await fetch(`${url}/health`)).status).toBe(200);
      parent.kill('SIGKILL');
      await serverGone;
      const logs = stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
      expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^parent process \d+ (\(ROADMAP_PARENT_PID\) )?is gone; closing$/), 'closing']));
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('exits 1 with one line when the port is taken', async () => {
    const first = execa('node', [BIN, 'serve'], { reject: false, env: { DATABASE_URL: database.url, PORT: '0' }, extendEnv: false });
    try {
      const url = await new Promise<string>((resolve) => first.stdout!.once('data', (b: Buffer) => resolve((JSON.parse(b.toString()) as { url: string }).url)));
      const port = new URL(url).port;
      const second = await execa('node', [BIN, 'serve', '--port', port], { reject: false, env: { DATABASE_URL: database.url }, extendEnv: false });
      expect(second.exitCode).toBe(1);
      expect(String(second.stdout)).toBe('');
      expect(String(second.stderr).split('\n').filter((l) => l.startsWith('docs-api: '))).toEqual([expect.stringContaining('EADDRINUSE')]);
    } finally {
      first.kill('SIGTERM');
      await first;
    }
  });
});
