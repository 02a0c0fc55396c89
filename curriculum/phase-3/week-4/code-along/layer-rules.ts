import type { WorkspacePackage } from './workspace.js'

export interface LayerViolation {
  readonly from: string
  readonly to: string
  readonly rule: string
}

/**
 * Layers listed from the inside out. A package may depend only on packages in an *earlier* (inner)
 * layer; the same layer or an outer one is a violation. This is the package-level version of the
 * hexagon's dependency rule, and what a dependency-cruiser `forbidden` rule expresses with paths.
 */
export function checkLayers(packages: readonly WorkspacePackage[], layers: readonly string[]): LayerViolation[] {
  const rank = new Map(layers.map((name, index) => [name, index]))
  const violations: LayerViolation[] = []
  for (const pkg of packages) {
    const from = rank.get(pkg.name)
    if (from === undefined) {
      violations.push({ from: pkg.name, to: pkg.name, rule: 'not-in-any-layer' })
      continue
    }
    for (const dep of pkg.workspaceDeps) {
      const to = rank.get(dep)
      if (to !== undefined && to >= from) violations.push({ from: pkg.name, to: dep, rule: 'inner-must-not-depend-on-outer' })
    }
  }
  return violations
}
