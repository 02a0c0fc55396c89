import { describe, it, expect } from 'vitest'
import { findCycles, importsOf, undeclaredImports } from './import-graph.js'

describe('step 3: imports, phantom dependencies and cycles', () => {
  it('finds static, multi-line, type-only, side-effect, re-export and dynamic imports', () => {
    const source = [
      "import { ReadingList } from '@docs-api/domain'",
      'import {',
      '  type AddDocumentToList,',
      "} from '@docs-api/application/add-document'",
      "import type { Sql } from './sql.js'",
      "import 'dotenv/config'",
      "export * from './routes.js'",
      "const pg = await import('pg')",
      "const text = 'this string mentions from \"nowhere\"'",
    ].join('\n')
    expect(importsOf(source)).toEqual([
      '@docs-api/domain',
      '@docs-api/application/add-document',
      './sql.js',
      'dotenv/config',
      './routes.js',
      'pg',
    ])
  })

  it('flags workspace packages imported but not declared in package.json', () => {
    const workspace = ['@docs-api/domain', '@docs-api/application', '@docs-api/adapters']
    const imports = ['@docs-api/domain', '@docs-api/adapters/pg', 'fastify', './local.js']
    expect(undeclaredImports(imports, ['@docs-api/domain'], workspace)).toEqual(['@docs-api/adapters'])
  })

  it('finds no cycle in a layered graph', () => {
    const graph = new Map([
      ['app', ['adapters', 'application']],
      ['adapters', ['application', 'domain']],
      ['application', ['domain']],
      ['domain', []],
    ])
    expect(findCycles(graph)).toEqual([])
  })

  it('finds a cycle and reports it from its smallest node', () => {
    const graph = new Map([
      ['domain', ['application']], // the mistake
      ['application', ['domain']],
      ['adapters', ['application']],
    ])
    expect(findCycles(graph)).toEqual([['application', 'domain', 'application']])
  })

  it('finds a self-import and a longer loop separately', () => {
    const graph = new Map([
      ['a', ['a', 'b']],
      ['b', ['c']],
      ['c', ['b']],
    ])
    expect(findCycles(graph)).toEqual([
      ['a', 'a'],
      ['b', 'c', 'b'],
    ])
  })
})
