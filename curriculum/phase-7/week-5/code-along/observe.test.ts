import { describe, it, expect } from 'vitest';
import { chatSpan, evalRecord, traced, type SpanRecord } from './observe.js';

function fakeClock(...times: number[]) {
  return () => times.shift() ?? 0;
}

describe('step 4: tracing and evaluation scores', () => {
  it('records a span with GenAI attributes, duration and token usage', async () => {
    const spans: SpanRecord[] = [];
    const { name, attributes } = chatSpan('llama3.1:8b', [{ role: 'user', content: 'Which index?' }]);
    const answer = await traced(
      name,
      attributes,
      async (set) => {
        set({ 'gen_ai.usage.input_tokens': 412, 'gen_ai.usage.output_tokens': 58 });
        return 'Use HNSW [1].';
      },
      { traceId: 't1', sink: (s) => spans.push(s), now: fakeClock(1000, 1850) },
    );
    expect(answer).toBe('Use HNSW [1].');
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: 't1',
      name: 'chat llama3.1:8b',
      durationMs: 850,
      status: 'OK',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'llama3.1:8b',
        'gen_ai.usage.output_tokens': 58,
        'gen_ai.input.messages': '[{"role":"user","content":"Which index?"}]',
      },
    });
  });

  it('does not capture the prompt unless you pass it (opt-in)', () => {
    expect(chatSpan('llama3.2').attributes).not.toHaveProperty('gen_ai.input.messages');
  });

  it('records failed calls as ERROR spans and rethrows', async () => {
    const spans: SpanRecord[] = [];
    const run = traced('chat x', {}, async () => {
      throw new TypeError('boom');
    }, { sink: (s) => spans.push(s) });
    await expect(run).rejects.toThrow('boom');
    expect(spans[0]).toMatchObject({ status: 'ERROR', attributes: { 'error.type': 'TypeError' } });
    expect(spans[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('scores an answer: citation precision, groundedness, retrieval hit and latency budget', () => {
    const base = { traceId: 't1', answer: '…', retrievedDocIds: ['a.md', 'b.md'], refused: false };
    expect(evalRecord({ ...base, cited: [1, 2], invalid: [3], expectedDocId: 'b.md', latencyMs: 1234.4 })).toEqual({
      traceId: 't1',
      citationPrecision: 2 / 3,
      grounded: true,
      retrievalHit: true,
      latencyMs: 1234,
      withinBudget: true,
    });
    expect(evalRecord({ ...base, cited: [], invalid: [], latencyMs: 2500 })).toMatchObject({
      citationPrecision: null,
      grounded: false,
      retrievalHit: null,
      withinBudget: false,
    });
  });

  it('counts a refusal as grounded', () => {
    expect(evalRecord({ traceId: 't', answer: '', retrievedDocIds: [], cited: [], invalid: [], refused: true, latencyMs: 10 }).grounded).toBe(true);
  });
});
