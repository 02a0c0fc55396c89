import { describe, it, expect } from 'vitest'
import { checkLayers } from './layer-rules.js'
import type { WorkspacePackage } from './workspace.js'

const LAYERS = ['@docs-api/domain', '@docs-api/application', '@docs-api/adapters', '@docs-api/app']
const pkg = (name: string, ...workspaceDeps: string[]): WorkspacePackage => ({ name, dir: `packages/${name}`, workspaceDeps })

describe('step 2: packages may only depend inward', () => {
  it('accepts the hexagon: app -> adapters -> application -> domain', () => {
    const packages = [
      pkg('@docs-api/domain'),
      pkg('@docs-api/application', '@docs-api/domain'),
      pkg('@docs-api/adapters', '@docs-api/application', '@docs-api/domain'),
      pkg('@docs-api/app', '@docs-api/adapters', '@docs-api/application', '@docs-api/domain'),
    ]
    expect(checkLayers(packages, LAYERS)).toEqual([])
  })

  it('reports the domain depending on an adapter', () => {
    const packages = [pkg('@docs-api/domain', '@docs-api/adapters'), pkg('@docs-api/adapters')]
    expect(checkLayers(packages, LAYERS)).toEqual([
      { from: '@docs-api/domain', to: '@docs-api/adapters', rule: 'inner-must-not-depend-on-outer' },
    ])
  })

  it('reports a package that belongs to no layer, so new packages must be placed on purpose', () => {
    expect(checkLayers([pkg('@docs-api/utils')], LAYERS)).toEqual([
      { from: '@docs-api/utils', to: '@docs-api/utils', rule: 'not-in-any-layer' },
    ])
  })
})
