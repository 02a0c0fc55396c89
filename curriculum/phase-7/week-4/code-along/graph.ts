// A tiny state-graph runner with LangGraph's core ideas: a typed state with
// per-key reducers, nodes that return partial updates, static and conditional
// edges, START/END, compile-time validation and a recursion limit.
// (LangGraph also runs nodes in parallel "super-steps", checkpoints state and
// streams; this runner executes one node at a time to keep the idea visible.)

export const START = '__start__';
export const END = '__end__';

export type Reducer<V> = (current: V, update: V) => V;

/** Per-key channel: a default value and an optional reducer (default: overwrite). */
export type Channels<S> = { [K in keyof S]: { default: () => S[K]; reducer?: Reducer<S[K]> } };

export type NodeFn<S> = (state: Readonly<S>) => Partial<S> | Promise<Partial<S>>;
export type Router<S> = (state: Readonly<S>) => string | Promise<string>;

export class GraphRecursionError extends Error {
  constructor(limit: number) {
    super(`Recursion limit of ${limit} reached without hitting END`);
    this.name = 'GraphRecursionError';
  }
}

/** Step 1 — merge a node's partial update into the state, key by key, through the reducers. */
export function applyUpdate<S extends object>(channels: Channels<S>, state: S, update: Partial<S>): S {
  const next = { ...state };
  for (const key of Object.keys(update) as Array<keyof S>) {
    if (!(key in channels)) throw new Error(`Unknown state key: ${String(key)}`);
    const value = update[key] as S[typeof key];
    const reducer = channels[key].reducer;
    next[key] = reducer ? reducer(state[key], value) : value;
  }
  return next;
}

type Edge<S> = { kind: 'static'; to: string } | { kind: 'conditional'; route: Router<S>; allowed?: string[] };

// Step 2 — the builder and the runner.
export class StateGraph<S extends object> {
  private readonly nodes = new Map<string, NodeFn<S>>();
  private readonly edges = new Map<string, Edge<S>>();

  constructor(private readonly channels: Channels<S>) {}

  addNode(name: string, fn: NodeFn<S>): this {
    if (name === START || name === END || this.nodes.has(name)) throw new Error(`Invalid or duplicate node: ${name}`);
    this.nodes.set(name, fn);
    return this;
  }

  addEdge(from: string, to: string): this {
    return this.setEdge(from, { kind: 'static', to });
  }

  /** `allowed` documents (and enforces) where the router may send control. */
  addConditionalEdges(from: string, route: Router<S>, allowed?: string[]): this {
    return this.setEdge(from, { kind: 'conditional', route, allowed });
  }

  private setEdge(from: string, edge: Edge<S>): this {
    if (this.edges.has(from)) throw new Error(`Node ${from} already has an outgoing edge`);
    this.edges.set(from, edge);
    return this;
  }

  /** Validate the wiring once, up front, instead of failing halfway through a run. */
  compile(): CompiledGraph<S> {
    const known = (n: string) => n === END || this.nodes.has(n);
    if (!this.edges.has(START)) throw new Error('Graph has no entry point: add an edge from START');
    for (const [from, edge] of this.edges) {
      if (from !== START && !this.nodes.has(from)) throw new Error(`Edge from unknown node: ${from}`);
      const targets = edge.kind === 'static' ? [edge.to] : (edge.allowed ?? []);
      for (const to of targets) if (!known(to)) throw new Error(`Edge from ${from} to unknown node: ${to}`);
    }
    for (const name of this.nodes.keys()) {
      if (!this.edges.has(name)) throw new Error(`Node ${name} has no outgoing edge (dead end)`);
    }
    return new CompiledGraph(this.channels, new Map(this.nodes), new Map(this.edges));
  }
}

export interface InvokeOptions {
  recursionLimit?: number; // max node executions per run (LangGraph calls it recursionLimit too)
  onStep?: (node: string, update: unknown) => void; // a hook for tracing
}

export class CompiledGraph<S extends object> {
  constructor(
    private readonly channels: Channels<S>,
    private readonly nodes: Map<string, NodeFn<S>>,
    private readonly edges: Map<string, Edge<S>>,
  ) {}

  private async next(from: string, state: S): Promise<string> {
    const edge = this.edges.get(from);
    if (!edge) throw new Error(`No edge from ${from}`);
    if (edge.kind === 'static') return edge.to;
    const to = await edge.route(state);
    const ok = edge.allowed ? edge.allowed.includes(to) : to === END || this.nodes.has(to);
    if (!ok) throw new Error(`Router of ${from} returned unknown destination: ${to}`);
    return to;
  }

  async invoke(input: Partial<S>, { recursionLimit = 25, onStep }: InvokeOptions = {}): Promise<S> {
    const defaults = Object.fromEntries(
      Object.entries(this.channels).map(([k, ch]) => [k, (ch as { default: () => unknown }).default()]),
    ) as S;
    // The input is applied like any other update, so reducers run on it too.
    let state = applyUpdate(this.channels, defaults, input);
    let current = await this.next(START, state);
    for (let steps = 0; current !== END; steps++) {
      if (steps >= recursionLimit) throw new GraphRecursionError(recursionLimit);
      const fn = this.nodes.get(current);
      if (!fn) throw new Error(`Unknown node: ${current}`);
      const update = await fn(state);
      onStep?.(current, update);
      state = applyUpdate(this.channels, state, update);
      current = await this.next(current, state);
    }
    return state;
  }
}
