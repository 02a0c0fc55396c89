import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { buildAgent, defineTool, runToolCalls, scriptedModel, toolDefinition } from './agent.js';
import { GraphRecursionError } from './graph.js';

const DOCS = [
  'pgvector adds the vector type and the <=> cosine distance operator.',
  'HNSW indexes give approximate nearest neighbour search.',
];

const searchDocs = defineTool({
  name: 'search_docs',
  description: 'Search the documentation. Returns numbered passages.',
  schema: z.object({
    query: z.string().min(1).describe('What to look for'),
    k: z.number().int().min(1).max(5).default(2),
  }),
  run: ({ query, k }) =>
    DOCS.filter((d) => query.split(/\s+/).some((w) => d.toLowerCase().includes(w.toLowerCase())))
      .slice(0, k)
      .map((d, i) => `[${i + 1}] ${d}`)
      .join('\n') || 'no results',
});

const failing = defineTool({
  name: 'flaky',
  description: 'Always fails.',
  schema: z.object({}),
  run: () => {
    throw new Error('backend unavailable');
  },
});

describe('step 3: tools with validated arguments', () => {
  it('exposes a JSON Schema definition in the function-tool shape models expect', () => {
    expect(toolDefinition(searchDocs)).toMatchObject({
      type: 'function',
      function: {
        name: 'search_docs',
        parameters: { type: 'object', properties: { query: { type: 'string', description: 'What to look for' } } },
      },
    });
  });

  it('validates arguments and applies schema defaults before running the tool', async () => {
    const [msg] = await runToolCalls([{ id: 'c1', name: 'search_docs', args: { query: 'HNSW' } }], [searchDocs]);
    expect(msg).toEqual({ role: 'tool', toolCallId: 'c1', name: 'search_docs', content: '[1] ' + DOCS[1] });
  });

  it('turns bad arguments, unknown tools and tool failures into error messages for the model', async () => {
    const out = await runToolCalls(
      [
        { id: 'c1', name: 'search_docs', args: { query: 42 } },
        { id: 'c2', name: 'delete_everything', args: {} },
        { id: 'c3', name: 'flaky', args: {} },
      ],
      [searchDocs, failing],
    );
    expect(out.map((m) => m.content)).toEqual([
      expect.stringMatching(/^Error: invalid arguments: .*expected string/s),
      'Error: unknown tool "delete_everything"',
      'Error: backend unavailable',
    ]);
  });

  it('keeps results in request order and linked to their call ids', async () => {
    const out = await runToolCalls(
      [
        { id: 'x', name: 'search_docs', args: { query: 'pgvector' } },
        { id: 'y', name: 'search_docs', args: { query: 'HNSW' } },
      ],
      [searchDocs],
    );
    expect(out.map((m) => (m.role === 'tool' ? m.toolCallId : ''))).toEqual(['x', 'y']);
  });
});

describe('step 4: the agent loop as a graph', () => {
  it('calls the tool, feeds the result back, and stops when the model answers', async () => {
    const { model, seen } = scriptedModel([
      { role: 'assistant', content: '', toolCalls: [{ id: 'call-1', name: 'search_docs', args: { query: 'HNSW' } }] },
      { role: 'assistant', content: 'HNSW gives approximate nearest neighbour search [1].' },
    ]);
    const agent = buildAgent(model, [searchDocs]);
    const out = await agent.invoke({ messages: [{ role: 'user', content: 'What does HNSW do?' }] });

    expect(out.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(out.messages.at(-1)?.content).toContain('[1]');
    expect(out.llmCalls).toBe(2);
    // The second model call saw the tool result.
    expect(seen[1]?.at(-1)).toMatchObject({ role: 'tool', toolCallId: 'call-1' });
  });

  it('answers directly, without the tools node, when the model needs no tool', async () => {
    const { model } = scriptedModel([{ role: 'assistant', content: 'Hello!' }]);
    const out = await buildAgent(model, [searchDocs]).invoke({ messages: [{ role: 'user', content: 'hi' }] });
    expect(out.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('stops a model that keeps calling tools with the recursion limit', async () => {
    const call = { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c', name: 'search_docs', args: { query: 'x' } }] };
    const { model } = scriptedModel(Array.from({ length: 50 }, () => call));
    const agent = buildAgent(model, [searchDocs]);
    await expect(agent.invoke({ messages: [] }, { recursionLimit: 6 })).rejects.toBeInstanceOf(GraphRecursionError);
  });
});
