import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface WorkspacePackage {
  readonly name: string
  /** Folder relative to the workspace root, e.g. `packages/domain`. */
  readonly dir: string
  /** Names of the other workspace packages it declares in dependencies, devDependencies or peerDependencies. */
  readonly workspaceDeps: readonly string[]
}

interface PackageJson {
  name?: string
  workspaces?: string[]
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson

/**
 * Reads an npm workspaces root the way `npm install` sees it: the root package.json's `workspaces`
 * globs, each matching folder's package.json. Supports the two common forms, `packages/*` and an
 * explicit folder; npm itself accepts any glob.
 */
export function readWorkspace(root: string): WorkspacePackage[] {
  const patterns = readJson(join(root, 'package.json')).workspaces ?? []
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern]
    const parent = pattern.slice(0, -2)
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`)
  })
  const manifests = dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, pkg: readJson(join(root, dir, 'package.json')) }))
  const names = new Set(manifests.map(({ pkg }) => pkg.name))
  return manifests
    .map(({ dir, pkg }) => {
      if (!pkg.name) throw new Error(`${dir}/package.json has no "name"`)
      const declared = { ...pkg.peerDependencies, ...pkg.devDependencies, ...pkg.dependencies }
      return { name: pkg.name, dir, workspaceDeps: Object.keys(declared).filter((dep) => names.has(dep)).sort() }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}
