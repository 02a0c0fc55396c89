import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it, expect } from 'vitest'

const root = dirname(fileURLToPath(import.meta.url))

/** Every non-test .ts file under `dir`, with the modules it imports resolved relative to root. */
function importsUnder(dir: string): { file: string; imports: string[] }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => {
      const file = join(dir, f)
      const source = readFileSync(join(root, file), 'utf8')
      const imports = [...source.matchAll(/from '([^']+)'/g)].map(([, spec = '']) =>
        spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec,
      )
      return { file, imports }
    })
}

describe('step 1: dependencies point inward', () => {
  it('domain imports nothing outside domain', () => {
    for (const { file, imports } of importsUnder('domain')) {
      for (const target of imports) expect(target, `${file} imports ${target}`).toMatch(/^domain\//)
    }
  })

  it('application imports only domain and application (its ports)', () => {
    for (const { file, imports } of importsUnder('application')) {
      for (const target of imports) expect(target, `${file} imports ${target}`).toMatch(/^(domain|application)\//)
    }
  })

  it('ports are interfaces only: they compile away to nothing', () => {
    for (const { file } of importsUnder('application/ports')) {
      const source = readFileSync(join(root, file), 'utf8')
      expect(source, file).not.toMatch(/^export (class|function|const)/m)
    }
  })
})
