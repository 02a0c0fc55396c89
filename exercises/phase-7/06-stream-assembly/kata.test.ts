import { describe, it, expect } from 'vitest';
import { assembleStream } from './kata.js';

const enc = new TextEncoder();
const line = (obj: object) => JSON.stringify(obj) + '\n';
const tok = (response: string, done = false) => line({ model: 'llama3', response, done });

/** A hand-driven byte source: the test decides when chunks arrive, and can observe next() and return(). */
function manualSource() {
  const queue: Array<Uint8Array | null> = [];
  let wake: (() => void) | undefined;
  const state = { nextCalls: 0, closed: false };
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      state.nextCalls++;
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const item = queue.shift();
      return item === null || item === undefined ? { done: true, value: undefined } : { done: false, value: item };
    },
    async return() {
      state.closed = true;
      return { done: true, value: undefined };
    },
  };
  return {
    state,
    iterable: { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<Uint8Array>,
    push(...chunks: Array<string | Uint8Array>) {
      for (const c of chunks) queue.push(typeof c === 'string' ? enc.encode(c) : c);
      wake?.();
    },
    end() {
      queue.push(null);
      wake?.();
    },
  };
}

function sourceOf(...chunks: Array<string | Uint8Array>) {
  const s = manualSource();
  s.push(...chunks);
  s.end();
  return s;
}

describe('assembleStream', () => {
  it('concatenates the response tokens of NDJSON lines', async () => {
    const s = sourceOf(tok('Hel'), tok('lo'), tok('!'), tok('', true));
    expect(await assembleStream(s.iterable)).toEqual({ text: 'Hello!', done: true, aborted: false });
  });

  it('handles a line split across several chunks', async () => {
    const whole = tok('Hello') + tok(' world') + tok('', true);
    const s = sourceOf(whole.slice(0, 7), whole.slice(7, 30), whole.slice(30, 61), whole.slice(61));
    expect((await assembleStream(s.iterable)).text).toBe('Hello world');
  });

  it('handles several lines arriving in one chunk', async () => {
    const s = sourceOf(tok('a') + tok('b') + tok('c'), tok('', true));
    expect((await assembleStream(s.iterable)).text).toBe('abc');
  });

  it('decodes multi-byte characters split across chunks (é, 👋)', async () => {
    const bytes = enc.encode(tok('olá 👋') + tok('', true));
    const accent = bytes.indexOf(0xc3); // first byte of "á"
    const emoji = bytes.indexOf(0xf0); // first byte of "👋"
    const s = sourceOf(bytes.slice(0, accent + 1), bytes.slice(accent + 1, emoji + 2), bytes.slice(emoji + 2));
    expect((await assembleStream(s.iterable)).text).toBe('olá 👋');
  });

  it('calls onToken for each non-empty token, in order', async () => {
    const tokens: string[] = [];
    const s = sourceOf(tok('The'), tok(''), tok(' answer'), tok(' is 42', true));
    const r = await assembleStream(s.iterable, { onToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(['The', ' answer', ' is 42']);
    expect(r.text).toBe('The answer is 42');
  });

  it('stops at done, ignores what follows and closes the source', async () => {
    const s = manualSource();
    s.push(tok('final', true) + tok('ignored'));
    const r = await assembleStream(s.iterable);
    expect(r).toEqual({ text: 'final', done: true, aborted: false });
    expect(s.state.closed).toBe(true);
  });

  it('reports done: false when the stream ends early, and still reads a last line without a newline', async () => {
    const s = sourceOf(tok('partial'), JSON.stringify({ response: ' tail', done: false }));
    expect(await assembleStream(s.iterable)).toEqual({ text: 'partial tail', done: false, aborted: false });
  });

  it('rejects with the server message on an error line', async () => {
    const s = sourceOf(tok('a'), line({ error: 'model "llama9" not found' }));
    await expect(assembleStream(s.iterable)).rejects.toThrow('model "llama9" not found');
  });

  it('rejects on a line that is not JSON', async () => {
    const s = sourceOf(tok('a'), '<html>502 Bad Gateway</html>\n');
    await expect(assembleStream(s.iterable)).rejects.toThrow(/invalid JSON/);
  });

  it('aborting while the source is silent resolves promptly with the partial text and closes the source', { timeout: 1000 }, async () => {
    const s = manualSource();
    const controller = new AbortController();
    const tokens: string[] = [];
    const pending = assembleStream(s.iterable, { signal: controller.signal, onToken: (t) => tokens.push(t) });
    s.push(tok('Once upon'));
    await new Promise((r) => setTimeout(r, 20));
    expect(tokens).toEqual(['Once upon']); // streamed before the end
    controller.abort(); // the model is "thinking"; no chunk will ever come
    const started = performance.now();
    const r = await pending;
    expect(performance.now() - started).toBeLessThan(200);
    expect(r).toEqual({ text: 'Once upon', done: false, aborted: true });
    expect(s.state.closed).toBe(true);
  });

  it('with an already-aborted signal it reads nothing', { timeout: 1000 }, async () => {
    const s = manualSource();
    s.push(tok('x'));
    const r = await assembleStream(s.iterable, { signal: AbortSignal.abort() });
    expect(r).toEqual({ text: '', done: false, aborted: true });
    expect(s.state.nextCalls).toBe(0);
  });
});
