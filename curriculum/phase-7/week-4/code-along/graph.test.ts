import { describe, it, expect } from 'vitest';
import { applyUpdate, END, GraphRecursionError, START, StateGraph, type Channels } from './graph.js';

interface S {
  log: string[];
  count: number;
}
const channels: Channels<S> = {
  log: { default: () => [], reducer: (a, b) => [...a, ...b] },
  count: { default: () => 0 },
};

describe('step 1: state, partial updates and reducers', () => {
  it('appends through a reducer and overwrites keys without one', () => {
    const next = applyUpdate(channels, { log: ['a'], count: 1 }, { log: ['b'], count: 5 });
    expect(next).toEqual({ log: ['a', 'b'], count: 5 });
  });

  it('leaves keys that are not in the update untouched, and does not mutate the input', () => {
    const state = { log: ['a'], count: 1 };
    expect(applyUpdate(channels, state, { count: 2 })).toEqual({ log: ['a'], count: 2 });
    expect(state).toEqual({ log: ['a'], count: 1 });
  });

  it('rejects keys that are not part of the state schema', () => {
    expect(() => applyUpdate(channels, { log: [], count: 0 }, { typo: 1 } as Partial<S>)).toThrow(/Unknown state key/);
  });
});

describe('step 2: edges, conditional routing and limits', () => {
  const step = (name: string) => (s: Readonly<S>) => ({ log: [name], count: s.count + 1 });

  it('runs nodes along static edges and applies the input through the reducers', async () => {
    const g = new StateGraph<S>(channels)
      .addNode('a', step('a'))
      .addNode('b', step('b'))
      .addEdge(START, 'a')
      .addEdge('a', 'b')
      .addEdge('b', END)
      .compile();
    expect(await g.invoke({ log: ['input'] })).toEqual({ log: ['input', 'a', 'b'], count: 2 });
  });

  it('loops with a conditional edge until the router returns END', async () => {
    const trace: string[] = [];
    const g = new StateGraph<S>(channels)
      .addNode('work', step('work'))
      .addEdge(START, 'work')
      .addConditionalEdges('work', (s) => (s.count < 3 ? 'work' : END), ['work', END])
      .compile();
    const out = await g.invoke({}, { onStep: (node) => trace.push(node) });
    expect(out.count).toBe(3);
    expect(trace).toEqual(['work', 'work', 'work']);
  });

  it('validates the wiring at compile time', () => {
    expect(() => new StateGraph<S>(channels).addNode('a', step('a')).addEdge('a', END).compile()).toThrow(/entry point/);
    expect(() => new StateGraph<S>(channels).addNode('a', step('a')).addEdge(START, 'a').compile()).toThrow(/dead end/);
    expect(() => new StateGraph<S>(channels).addNode('a', step('a')).addEdge(START, 'a').addEdge('a', 'nope').compile()).toThrow(
      /unknown node: nope/,
    );
  });

  it('fails loudly when a router returns a destination it did not declare', async () => {
    const g = new StateGraph<S>(channels)
      .addNode('a', step('a'))
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'b', [END])
      .compile();
    await expect(g.invoke({})).rejects.toThrow(/unknown destination: b/);
  });

  it('stops an endless loop with a GraphRecursionError', async () => {
    const g = new StateGraph<S>(channels)
      .addNode('a', step('a'))
      .addEdge(START, 'a')
      .addEdge('a', 'a')
      .compile();
    await expect(g.invoke({}, { recursionLimit: 5 })).rejects.toBeInstanceOf(GraphRecursionError);
  });
});
