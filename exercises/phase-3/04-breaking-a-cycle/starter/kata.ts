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
  // TODO: it finds the cycle in { a: [b], b: [a] } — and reports cycles that are not there, and more
  // than the cycle itself.
  const seen = new Set<string>();
  const walk = (module: string, path: string[]): string[] | null => {
    if (seen.has(module)) return [...path, module];
    seen.add(module);
    for (const next of imports[module] ?? []) {
      const cycle = walk(next, [...path, module]);
      if (cycle) return cycle;
    }
    return null;
  };
  for (const module of Object.keys(imports)) {
    if (seen.has(module)) continue;
    const cycle = walk(module, []);
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
  // TODO: the cycle is gone because the import is deleted — and so is the use case's repository.
  return Object.fromEntries(
    Object.entries(imports).map(([m, list]) => [m, m === inversion.from ? list.filter((i) => i !== inversion.to) : [...list]]),
  );
}

/**
 * docs-api before Saturday's stage 4 (the graph is in README.md): publish-document declares the
 * DocumentRepository interface and constructs the Postgres adapter; the adapter imports publish-document to
 * implement that interface. Which dependency do you invert, where does the port go, and who wires them?
 */
// TODO: this breaks the cycle too. Run the layer rules on the result.
export const docsApiFix: Inversion = {
  from: 'adapter-postgres/postgres-document-repository',
  to: 'application/publish-document',
  port: 'adapter-postgres/document-repository.port',
  root: 'http/server',
};
