import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Status } from './grpc-wire.js';
import { askStream, startDocChatServer } from './h2-docchat.js';

describe('step 3: server streaming and deadlines over real HTTP/2', () => {
  let server: Awaited<ReturnType<typeof startDocChatServer>>;
  const seen: Array<{ question: string; aborted: boolean }> = [];

  beforeAll(async () => {
    server = await startDocChatServer(async function* (req, signal) {
      const record = { question: req.question, aborted: false };
      seen.push(record);
      signal.addEventListener('abort', () => (record.aborted = true));
      if (req.question === 'fail') throw new Error('retrieval failed');
      const words = req.question === 'slow' ? Array.from({ length: 20 }, () => 'word ') : ['Use ', 'HNSW ', '[1].'];
      for (const w of words) {
        if (req.question === 'slow') await sleep(40, undefined, { signal });
        yield w;
      }
    });
  });
  afterAll(() => server.close());

  it('streams answer chunks and ends with grpc-status 0 in the trailers', async () => {
    const r = await askStream(server.url, { question: 'Which index?', topK: 5, tenantId: 'acme' });
    expect(r.status).toBe(Status.OK);
    expect(r.chunks.map((c) => c.text).join('')).toBe('Use HNSW [1].');
    expect(r.chunks.at(-1)).toEqual({ text: '', done: true });
  });

  it('maps a handler error to a non-OK status with a message', async () => {
    const r = await askStream(server.url, { question: 'fail', topK: 0, tenantId: '' });
    expect(r.status).toBe(Status.INTERNAL);
    expect(r.statusMessage).toBe('retrieval failed');
  });

  it('answers UNIMPLEMENTED for an unknown method', async () => {
    const r = await askStream(server.url, { question: 'x', topK: 0, tenantId: '' }, { path: '/docchat.v1.DocChat/Nope' });
    expect(r.status).toBe(Status.UNIMPLEMENTED);
  });

  it('fails with DEADLINE_EXCEEDED and cancels the work on the server', async () => {
    const r = await askStream(server.url, { question: 'slow', topK: 0, tenantId: '' }, { timeoutMs: 150 });
    expect(r.status).toBe(Status.DEADLINE_EXCEEDED);
    expect(r.chunks.length).toBeLessThan(20); // partial output only
    await sleep(50);
    expect(seen.find((s) => s.question === 'slow')?.aborted).toBe(true);
  });
});
