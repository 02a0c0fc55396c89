import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { firstStdoutLine } from './testing/cli-run.js';

// The built binary (npm run build -w @roadmap/docs-api first), as a learner or roadmap's verifier starts it.
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'docs-api.js');

describe('docs-api auth-server (the built binary)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line, publishes its metadata and exits 0 on %s', async (signal) => {
    const child = execa('node', [BIN, 'auth-server', '--port', '0'], { reject: false, stdin: 'ignore', env: { AUTH_CLIENT_ID: 'binary-client', AUTH_AUDIENCE: 'https://docs-api.example' }, extendEnv: false });
    try {
      const line = await firstStdoutLine(child);
      const event = JSON.parse(line) as { event: string; url: string };
      expect(event).toEqual({ event: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/) });
      const metadata = (await (await fetch(`${event.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({ issuer: event.url, jwks_uri: `${event.url}/jwks`, code_challenge_methods_supported: ['S256'] });
      child.kill(signal);
      const result = await child;
      expect(result.exitCode).toBe(0);
      expect(String(result.stdout).trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 1 with one line when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await execa('node', [BIN, 'auth-server', '--port', String(port)], { reject: false, stdin: 'ignore' });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`docs-api: port ${port} is already in use on 127.0.0.1`);
    } finally {
      taken.close();
    }
  });
});
