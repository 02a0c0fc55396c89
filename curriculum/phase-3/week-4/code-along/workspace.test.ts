import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import { readWorkspace } from './workspace.js'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

/** Writes a small monorepo to a temp folder: `files` maps relative paths to JSON or text. */
function monorepo(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'workspace-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return root
}

describe('step 1: read the workspace the way npm sees it', () => {
  it('lists every package matched by the workspaces globs, with its workspace dependencies', () => {
    const root = monorepo({
      'package.json': { name: 'docs-api', private: true, workspaces: ['packages/*'] },
      'packages/domain/package.json': { name: '@docs-api/domain' },
      'packages/application/package.json': { name: '@docs-api/application', dependencies: { '@docs-api/domain': '*' } },
      'packages/adapters/package.json': {
        name: '@docs-api/adapters',
        dependencies: { '@docs-api/application': '*', '@docs-api/domain': '*', pg: '^8.0.0' },
      },
      'packages/notes.txt': 'not a package',
    })
    expect(readWorkspace(root)).toEqual([
      { name: '@docs-api/adapters', dir: 'packages/adapters', workspaceDeps: ['@docs-api/application', '@docs-api/domain'] },
      { name: '@docs-api/application', dir: 'packages/application', workspaceDeps: ['@docs-api/domain'] },
      { name: '@docs-api/domain', dir: 'packages/domain', workspaceDeps: [] },
    ])
  })

  it('counts devDependencies and peerDependencies, ignores third-party packages', () => {
    const root = monorepo({
      'package.json': { workspaces: ['packages/domain', 'packages/testing'] },
      'packages/domain/package.json': { name: '@docs-api/domain', devDependencies: { '@docs-api/testing': '*', vitest: '^4.0.0' } },
      'packages/testing/package.json': { name: '@docs-api/testing', peerDependencies: { '@docs-api/domain': '*' } },
    })
    expect(readWorkspace(root).map((p) => [p.name, p.workspaceDeps])).toEqual([
      ['@docs-api/domain', ['@docs-api/testing']],
      ['@docs-api/testing', ['@docs-api/domain']],
    ])
  })

  it('fails loudly on a package without a name', () => {
    const root = monorepo({ 'package.json': { workspaces: ['packages/*'] }, 'packages/x/package.json': {} })
    expect(() => readWorkspace(root)).toThrow('packages/x/package.json has no "name"')
  })
})
