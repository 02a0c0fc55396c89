import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, runScraper } from './cli.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A stdout that takes `lines` writes, then fails as a closed pipe does. */
class BrokenPipe extends Writable {
  constructor(private lines: number) {
    super();
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    if (--this.lines >= 0) return done();
    done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  }
}

// A chain of 30 pages, /p/0 → /p/1 → ..., one with NUL bytes in its text.
describe('the scraper CLI and its output', () => {
  let server: Server;
  let origin: string;
  let dir: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      const path = req.url ?? '/';
      if (path === '/robots.txt') return void res.writeHead(404).end();
      const n = Number(path.split('/').pop());
      const next = n < 29 ? `<a href="/p/${n + 1}">next</a>` : '';
      const text = n === 3 ? 'binary\0junk' : `page ${n}`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<title>p${n}</title><p>${text}</p>${next}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'scraper-cli-'));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], stdout: Writable = new Capture()): Promise<{ code: number; stderr: string }> {
    const stderr = new Capture();
    const code = await runScraper(argv, { stdout, stderr });
    return { code, stderr: stderr.text };
  }

  it.each([
    ['a folder that does not exist', () => join(dir, 'missing', 'out.ndjson'), /ENOENT/],
    ['a folder', () => dir, /EISDIR/],
    ['a path under a file', () => join(dir, 'a-file', 'out.ndjson'), /ENOTDIR/],
  ])('an --out in %s: one line, exit 1, before crawling', async (_name, out, code) => {
    await writeFile(join(dir, 'a-file'), '');
    const before = requests;
    const r = await run([`${origin}/p/0`, '--out', out(), '--progress', 'none']);
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.stderr).toMatch(/^scraper: cannot write --out "[^"]+": [^\n]+\n$/);
    expect(r.stderr).toMatch(code);
    expect(requests).toBe(before);
  });

  it('an output that fails mid-crawl (a closed pipe): stops, one line, exit 1', async () => {
    const r = await run([`${origin}/p/0`, '--concurrency', '1', '--progress', 'none'], new BrokenPipe(5));
    expect(r.code).toBe(EXIT_FAILURE);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('scraper: cannot write stdout: write EPIPE');
    expect(lines.filter((l) => l.startsWith('scraper: '))).toHaveLength(1);
  });

  it('says why nothing was crawled when robots.txt is unreachable (exit 0, an empty output)', async () => {
    const down = createServer((_req, res) => void res.writeHead(503).end());
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
      const out = join(dir, 'unreachable.ndjson');
      const r = await run([`${url}/docs/`, '--out', out, '--progress', 'none']);
      expect(r.code).toBe(EXIT_OK);
      expect(r.stderr.split('\n')[0]).toBe(`scraper: ${url}/robots.txt is unreachable (HTTP 503), so nothing on its host is crawled (RFC 9309: complete disallow)`);
      expect(await readFile(out, 'utf8')).toBe('');
    } finally {
      down.closeAllConnections();
      await new Promise((resolve) => down.close(resolve));
    }
  });

  it('writes no NUL: the page with NUL bytes has U+FFFD in its text', async () => {
    const out = join(dir, 'nul.ndjson');
    expect((await run([`${origin}/p/0`, '--out', out, '--progress', 'none'])).code).toBe(EXIT_OK);
    const text = await readFile(out, 'utf8');
    expect(text).not.toContain('\\u0000');
    expect(text).not.toContain('\0');
    const records = text.trim().split('\n').map((l) => JSON.parse(l) as { url: string; text: string });
    expect(records).toHaveLength(30);
    expect(records.find((r) => r.url.endsWith('/p/3'))?.text).toContain('binary\uFFFDjunk');
  });

  it('--resume keeps every record around a blank and a bad line, cuts only the torn last one, and says so', async () => {
    const out = join(dir, 'resume.ndjson');
    const record = (n: number): string => JSON.stringify({ url: `${origin}/p/${n}`, status: 200, title: `p${n}`, headings: [], text: '', links: [`${origin}/p/${n + 1}`] });
    // Pages 0–9 done, with a blank line and a line of junk in the middle, and page 10 torn by a crash.
    const kept = [0, 1, 2, 3, 4].map(record).join('\n') + '\n\nnot json\n' + [5, 6, 7, 8, 9].map(record).join('\n') + '\n';
    await writeFile(out, `${kept}{"url":"${origin}/p/10","sta`);
    const before = requests;
    const r = await run([`${origin}/p/0`, '--out', out, '--resume', '--progress', 'none']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toContain(`scraper: --resume: cut off the torn last line 13 of ${out}`);
    expect(r.stderr).toContain(`scraper: --resume: 1 line of ${out} is not a record (line 7); left as it is`);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith(kept)).toBe(true);
    const urls = text.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { url: string }).url);
    expect(urls).toEqual(Array.from({ length: 30 }, (_, n) => `${origin}/p/${n}`));
    // robots.txt and pages 10–29: nothing already done is fetched again.
    expect(requests - before).toBe(1 + 20);
  });
});
