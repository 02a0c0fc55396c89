/**
 * Module specifiers of static imports, re-exports, side-effect imports and dynamic `import('...')`
 * in one source file. A regex is enough for a teaching tool; dependency-cruiser uses a real parser.
 */
export function importsOf(source: string): string[] {
  const pattern = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm
  return [...source.matchAll(pattern)].map(([, from, sideEffect, dynamic]) => from ?? sideEffect ?? dynamic ?? '')
}

/**
 * Imports of workspace packages that the importing package does not declare in its package.json.
 * npm hoists every workspace into the root node_modules, so such an import *works* locally and
 * breaks the day the package is built, published or deployed alone (a phantom dependency).
 */
export function undeclaredImports(
  specifiers: readonly string[],
  declared: readonly string[],
  workspaceNames: readonly string[],
): string[] {
  const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')
  return [...new Set(specifiers.map(packageOf))].filter((name) => workspaceNames.includes(name) && !declared.includes(name))
}

/**
 * Cycles in a directed graph, each listed from its smallest node and closed (`['a', 'b', 'a']`).
 * Depth-first search: meeting a node that is still on the current path means the path from that
 * node to here is a cycle. It reports at least one cycle for every tangle of modules that depend on
 * each other, which is what a CI gate needs (listing every elementary cycle can be exponential).
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>()
  const done = new Set<string>()
  const path: string[] = []

  const visit = (node: string): void => {
    const start = path.indexOf(node)
    if (start !== -1) {
      const cycle = path.slice(start)
      const rotate = cycle.indexOf([...cycle].sort()[0] ?? node)
      const canonical = [...cycle.slice(rotate), ...cycle.slice(0, rotate)]
      cycles.set(canonical.join('>'), [...canonical, canonical[0] ?? node])
      return
    }
    if (done.has(node)) return
    path.push(node)
    for (const next of graph.get(node) ?? []) visit(next)
    path.pop()
    done.add(node)
  }

  for (const node of [...graph.keys()].sort()) visit(node)
  return [...cycles.values()].sort((a, b) => a.join().localeCompare(b.join()))
}
