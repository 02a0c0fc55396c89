import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, type PageRecord } from './crawler.js';

// A server for the failure modes the fixture site does not have: a page that always fails, one that hangs once.
describe('Crawler retries', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if (path === '/always-503') return void res.writeHead(503).end();
      if (path === '/hangs-once' && n === 1) return; // never answers: the headers timeout must fire
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>ok</title><p>fine</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function crawl(path: string): Promise<{ records: PageRecord[]; slept: number[] }> {
    const records: PageRecord[] = [];
    const slept: number[] = [];
    const crawler = new Crawler({
      startUrls: [`${origin}${path}`],
      retries: 2,
      timeoutMs: 150,
      backoff: { baseMs: 100, maxMs: 1000 },
      random: () => 0.5,
      sleep: async (ms) => void slept.push(ms),
      onRecord: async (record) => void records.push(record),
    });
    await crawler.run();
    return { records, slept };
  }

  it('retries a 5xx with exponential backoff and full jitter, then records the failure', async () => {
    const { records, slept } = await crawl('/always-503');
    expect(hits.get('/always-503')).toBe(3);
    expect(slept).toEqual([50, 100]);
    expect(records).toEqual([expect.objectContaining({ status: 503, error: 'HTTP 503' })]);
  });

  it('retries after a timeout and keeps the page', async () => {
    const { records, slept } = await crawl('/hangs-once');
    expect(hits.get('/hangs-once')).toBe(2);
    expect(slept).toEqual([50]);
    expect(records).toEqual([expect.objectContaining({ status: 200, title: 'ok' })]);
  });
});
