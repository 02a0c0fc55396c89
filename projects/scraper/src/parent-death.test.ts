import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built binary, as roadmap starts it (npm run build -w @roadmap/scraper first).
const BIN = join(import.meta.dirname, '..', 'bin', 'scraper.js');

// A parent that starts the scraper and then only waits, to be SIGKILLed: prints the scraper's pid. MODE=pipe
// gives the scraper a stdin pipe (and keeps its end open); MODE=env names itself in ROADMAP_PARENT_PID.
const PARENT = `
const { spawn } = require('node:child_process');
const mode = process.env.MODE;
const env = { ...process.env, ...(mode === 'env' ? { ROADMAP_PARENT_PID: String(process.pid) } : {}) };
const child = spawn(process.execPath, process.argv.slice(1), { stdio: [mode === 'pipe' ? 'pipe' : 'ignore', 'inherit', 'inherit'], env });
process.stdout.write(child.pid + '\\n');
setInterval(() => {}, 1 << 30);
`;

describe('the scraper binary when its parent dies', () => {
  let server: Server;
  let origin: string;
  let dir: string;
  let requests = 0;
  const waiters: { n: number; resolve: () => void }[] = [];

  beforeAll(async () => {
    // /endless/N links to N+1 forever (each answer 5 ms late, so a crawl lasts until stopped); /finite/N stops at 40.
    server = createServer((req, res) => {
      requests++;
      for (const w of waiters.filter((w) => requests >= w.n)) waiters.splice(waiters.indexOf(w), 1), w.resolve();
      const path = req.url ?? '/';
      if (path === '/robots.txt') return void res.writeHead(404).end();
      const [, kind, n] = path.split('/');
      const next = Number(n) + 1;
      const link = kind === 'endless' || next < 40 ? `<a href="/${kind}/${next}">next</a>` : '';
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<title>${n}</title>${link}`), kind === 'endless' ? 5 : 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'scraper-parent-'));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const requestsReach = (n: number): Promise<void> => new Promise((resolve) => waiters.push({ n: requests + n, resolve }));

  it.each([
    ['stdin a pipe', 'pipe'],
    ['ROADMAP_PARENT_PID set (stdin ignored)', 'env'],
  ] as const)('%s: stops soon after the parent is SIGKILLed, the file ending on a whole line', async (_name, mode) => {
    const out = join(dir, `${mode}.ndjson`);
    const crawling = requestsReach(20);
    const parent = spawn(process.execPath, ['-e', PARENT, BIN, `${origin}/endless/0`, '--out', out, '--progress', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MODE: mode },
    });
    let stderr = '';
    parent.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // The scraper holds the other end of this pipe too: it closes when the scraper has exited, not the parent.
    const scraperGone = once(parent.stderr, 'close');
    const [pidLine] = (await once(parent.stdout, 'data')) as [Buffer];
    const scraperPid = Number(pidLine.toString().trim());
    expect(scraperPid).toBeGreaterThan(0);
    await crawling;
    parent.kill('SIGKILL');
    await scraperGone;

    const lines = stderr.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^scraper: parent process \d+ (\(ROADMAP_PARENT_PID\) )?is gone; stopping$/));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'summary', interrupted: true });
    const text = await readFile(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text.trim().split('\n').map((l) => JSON.parse(l) as { url: string });
    expect(records.length).toBeGreaterThan(5);
  });

  it.each([
    ['ignored (/dev/null: at its end from the start)', { stdin: 'ignore' as const }],
    ['a pipe its live parent closes at once (`echo | scraper`)', { input: '' }],
  ])('stdin %s: crawls to the end', async (_name, stdin) => {
    const out = join(dir, 'finite.ndjson');
    const r = await execa('node', [BIN, `${origin}/finite/0`, '--out', out, '--progress', 'none', '--concurrency', '1'], { reject: false, ...stdin });
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toMatch(/^done: 40 pages/);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(40);
  });
});
