import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOllama, type FakeOllama } from './fake-ollama.js';
import { parseNdjson } from './ndjson.js';
import { OllamaClient, OllamaError, tokensPerSecond } from './ollama.js';

async function* chunksOf(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('step 1: NDJSON parsing', () => {
  const enc = new TextEncoder();

  it('parses lines that arrive split across chunks', async () => {
    const parts = ['{"a":1}\n{"b"', ':2}\n', '{"c":3}\n'].map((s) => enc.encode(s));
    expect(await collect(parseNdjson(chunksOf(...parts)))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('keeps a multi-byte character intact when its bytes are split', async () => {
    const bytes = enc.encode('{"t":"café"}\n');
    const cut = bytes.length - 4; // inside the 2-byte "é"
    const values = await collect(parseNdjson(chunksOf(bytes.slice(0, cut), bytes.slice(cut))));
    expect(values).toEqual([{ t: 'café' }]);
  });

  it('skips blank lines and parses a last line without a newline', async () => {
    const values = await collect(parseNdjson(chunksOf(enc.encode('\n{"a":1}\n\n{"b":2}'))));
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('throws on a malformed line instead of skipping it', async () => {
    await expect(collect(parseNdjson(chunksOf(enc.encode('{"a":\n'))))).rejects.toThrow(SyntaxError);
  });
});

describe('step 2: streaming /api/chat against a local stand-in server', () => {
  let fake: FakeOllama;
  beforeAll(async () => {
    fake = await startFakeOllama({ reply: 'Use pgvector for similarity search [1].' });
  });
  afterAll(() => fake.close());

  it('yields content tokens in order and ends with a done chunk', async () => {
    const client = new OllamaClient({ baseUrl: fake.url });
    const chunks = await collect(
      client.chatStream({ model: 'llama3.2', messages: [{ role: 'user', content: 'What stores vectors?' }] }),
    );
    const text = chunks.map((c) => c.message?.content ?? '').join('');
    expect(text).toBe('Use pgvector for similarity search [1].');
    expect(chunks.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('sends stream: true and the messages in Ollama\'s request shape', async () => {
    const last = fake.requests.at(-1);
    expect(last?.path).toBe('/api/chat');
    expect(last?.body).toMatchObject({ model: 'llama3.2', stream: true, messages: [{ role: 'user' }] });
  });

  it('turns a 404 {"error"} body into an OllamaError with the status', async () => {
    const client = new OllamaClient({ baseUrl: fake.url });
    const run = collect(client.chatStream({ model: 'llama3:70b', messages: [] }));
    await expect(run).rejects.toBeInstanceOf(OllamaError);
    await expect(run).rejects.toMatchObject({ status: 404, message: expect.stringContaining('not found') });
  });
});

describe('step 3: latency numbers and timeouts', () => {
  it('computes tokens/s from eval_count and eval_duration (nanoseconds)', () => {
    expect(tokensPerSecond({ eval_count: 259, eval_duration: 4_232_710_000 })).toBeCloseTo(61.19, 1);
    expect(tokensPerSecond({})).toBeUndefined();
  });

  it('collects the answer, calls onToken per token and reports stats', async () => {
    const fake = await startFakeOllama({ reply: 'one two three' });
    try {
      const seen: string[] = [];
      const r = await new OllamaClient({ baseUrl: fake.url }).chat(
        { model: 'llama3.2', messages: [{ role: 'user', content: 'count' }] },
        { onToken: (t) => seen.push(t) },
      );
      expect(r.content).toBe('one two three');
      expect(seen).toEqual(['one ', 'two ', 'three']);
      expect(r).toMatchObject({ outputTokens: 3, promptTokens: 26, doneReason: 'stop', tokensPerSecond: 50 });
      expect(r.ttftMs).toBeLessThanOrEqual(r.totalMs);
    } finally {
      await fake.close();
    }
  });

  it('aborts a slow stream when the timeout budget is exceeded', async () => {
    const fake = await startFakeOllama({ reply: 'a b c d e f g h', tokenDelayMs: 100 });
    try {
      const client = new OllamaClient({ baseUrl: fake.url, timeoutMs: 150 });
      await expect(client.chat({ model: 'llama3.2', messages: [] })).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      await fake.close();
    }
  });
});

describe('step 4: batch embeddings with /api/embed', () => {
  it('returns one vector per input, in order', async () => {
    const fake = await startFakeOllama();
    try {
      const vectors = await new OllamaClient({ baseUrl: fake.url }).embed('embeddinggemma', ['a', 'bb', 'ccc']);
      expect(vectors).toHaveLength(3);
      expect(vectors[1]).toEqual([Math.cos(2), Math.sin(2)]);
      expect(fake.requests[0]?.body).toEqual({ model: 'embeddinggemma', input: ['a', 'bb', 'ccc'] });
    } finally {
      await fake.close();
    }
  });
});

describe('step 5: structured output validated with zod', () => {
  const Answer = z.object({ answer: z.string(), sources: z.array(z.number().int()) });

  it('sends the JSON Schema as `format` with stream: false and parses the reply', async () => {
    const fake = await startFakeOllama({ reply: '{"answer":"Use HNSW","sources":[2]}' });
    try {
      const client = new OllamaClient({ baseUrl: fake.url });
      const out = await client.chatJson(
        { model: 'llama3.2', messages: [{ role: 'user', content: 'Which index?' }], options: { temperature: 0 } },
        Answer,
      );
      expect(out).toEqual({ answer: 'Use HNSW', sources: [2] });
      const sent = fake.requests[0]?.body;
      expect(sent?.stream).toBe(false);
      expect(sent?.format).toMatchObject({ type: 'object', required: ['answer', 'sources'] });
    } finally {
      await fake.close();
    }
  });

  it('rejects replies that are not JSON or do not match the schema', async () => {
    const notJson = await startFakeOllama({ reply: 'Sure! Here is JSON: {' });
    const wrongShape = await startFakeOllama({ reply: '{"answer":42}' });
    try {
      const req = { model: 'llama3.2', messages: [] };
      await expect(new OllamaClient({ baseUrl: notJson.url }).chatJson(req, Answer)).rejects.toThrow(/valid JSON/);
      await expect(new OllamaClient({ baseUrl: wrongShape.url }).chatJson(req, Answer)).rejects.toBeInstanceOf(z.ZodError);
    } finally {
      await Promise.all([notJson.close(), wrongShape.close()]);
    }
  });
});
