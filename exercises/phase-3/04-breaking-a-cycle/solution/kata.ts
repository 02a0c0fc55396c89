/**
 * A module graph the way dependency-cruiser sees it: every module of the project, and what it imports.
 * Names are `<package>/<file>` ('application/publish-document'); an import that is not a key of the graph
 * (a library such as 'pg', a Node built-in such as 'node:crypto') has no imports of its own.
 */
export type Imports = Readonly<Record<string, readonly string[]>>;

/** The package a module lives in: 'adapter-postgres/postgres-document-repository' → 'adapter-postgres'. */
export function layerOf(module: string): string {
  return module.split('/')[0]!;
}

/**
 * The first import cycle, as dependency-cruiser prints it: from the module the cycle comes back to, round
 * to that module again — ['application/a', 'adapter-x/b', 'application/a'] — or null when there is none.
 * Depth-first, modules in key order, each module's imports in the order listed.
 */
export function findCycle(imports: Imports): string[] | null {
  // Only a module still on the current path closes a cycle; a finished one was reached by another route
  // (a diamond) and is never walked again, which also keeps the walk linear.
  const finished = new Set<string>();
  const path: string[] = [];

  const walk = (module: string): string[] | null => {
    path.push(module);
    for (const next of imports[module] ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) return [...path.slice(at), next];
      if (finished.has(next) || !Object.hasOwn(imports, next)) continue;
      const cycle = walk(next);
      if (cycle) return cycle;
    }
    path.pop();
    finished.add(module);
    return null;
  };

  for (const module of Object.keys(imports)) {
    if (finished.has(module)) continue;
    const cycle = walk(module);
    if (cycle) return cycle;
  }
  return null;
}

export interface Inversion {
  /** The module that reaches for a detail: the use case. */
  readonly from: string;
  /** The detail it imports: the adapter. */
  readonly to: string;
  /** The module that will hold the interface; it belongs to `from`'s package, the side that needs it. */
  readonly port: string;
  /** The composition root: it builds the adapter and hands it to the use case. */
  readonly root: string;
}

/**
 * The graph after a dependency inversion, as a new graph (the input is left as it was): `from` imports the
 * port instead of `to`; `to` implements the port, so it imports the port and no longer `from` (where the
 * interface used to be declared); `root` imports both to wire them. A new port imports nothing; an existing
 * one keeps its imports. Throws when `from` does not import `to`, or when the port is not in `from`'s package.
 */
export function invertDependency(imports: Imports, inversion: Inversion): Record<string, string[]> {
  const { from, to, port, root } = inversion;
  if (!(imports[from] ?? []).includes(to)) throw new Error(`${from} does not import ${to}: there is no dependency to invert`);
  if (layerOf(port) !== layerOf(from)) {
    throw new Error(`the port ${port} belongs in ${layerOf(from)}, the package that uses it, not in ${layerOf(port)}`);
  }

  const graph = new Map<string, Set<string>>(Object.entries(imports).map(([m, list]) => [m, new Set(list)]));
  const importsOf = (module: string): Set<string> => {
    let set = graph.get(module);
    if (!set) graph.set(module, (set = new Set()));
    return set;
  };
  importsOf(from).delete(to);
  importsOf(from).add(port);
  importsOf(to).delete(from);
  importsOf(to).add(port);
  importsOf(port);
  importsOf(root).add(from).add(to);
  return Object.fromEntries([...graph].map(([m, set]) => [m, [...set]]));
}

/**
 * docs-api before Saturday's stage 4 (the graph is in README.md): publish-document declares the
 * DocumentRepository interface and constructs the Postgres adapter; the adapter imports publish-document to
 * implement that interface. Which dependency do you invert, where does the port go, and who wires them?
 */
export const docsApiFix: Inversion = {
  from: 'application/publish-document',
  to: 'adapter-postgres/postgres-document-repository',
  port: 'application/document-repository.port',
  root: 'http/server',
};
