import { readFileSync } from 'node:fs'
import { describe, it, expect } from 'vitest'
import { lintAdr } from './adr-lint.js'

const ADR_001 = '0001-split-docs-api-into-npm-workspaces.md'

const valid = `# 2. Use dependency-cruiser

Date: 2025-08-26

## Status

Accepted

## Context

Layer rules are checked by review only.

## Decision

Run dependency-cruiser in CI.

## Consequences

A forbidden import fails the build.
`

describe('step 4: ADR-001 and a tiny ADR linter', () => {
  it('accepts the ADR-001 shipped with this code-along', () => {
    const markdown = readFileSync(new URL(`./adr/${ADR_001}`, import.meta.url), 'utf8')
    expect(lintAdr(ADR_001, markdown)).toEqual([])
  })

  it('accepts a minimal valid ADR', () => {
    expect(lintAdr('0002-use-dependency-cruiser.md', valid)).toEqual([])
  })

  it('reports a missing section and a number that does not match the file', () => {
    const markdown = valid.replace('## Consequences\n\nA forbidden import fails the build.\n', '')
    expect(lintAdr('0003-use-dependency-cruiser.md', markdown)).toEqual([
      'heading number 2 does not match file number 0003',
      'missing section "## Consequences"',
    ])
  })

  it('reports an unknown status and sections out of order', () => {
    const markdown = valid.replace('Accepted', 'Done').replace('## Context', '## Tmp').replace('## Decision', '## Context').replace('## Tmp', '## Decision')
    expect(lintAdr('0002-use-dependency-cruiser.md', markdown)).toEqual([
      'sections must be in the order Status, Context, Decision, Consequences',
      'status "Done" is not one of Proposed, Accepted, Rejected, Deprecated, Superseded',
    ])
  })

  it('requires a superseded ADR to link to its replacement', () => {
    const superseded = valid.replace('Accepted', 'Superseded by ADR 5')
    expect(lintAdr('0002-use-dependency-cruiser.md', superseded)).toEqual(['a superseded ADR must link to the ADR that replaces it'])
    const linked = valid.replace('Accepted', 'Superseded by [5. Use Nx](0005-use-nx.md)')
    expect(lintAdr('0002-use-dependency-cruiser.md', linked)).toEqual([])
  })

  it('rejects a file name without the four-digit number', () => {
    expect(lintAdr('use-dependency-cruiser.md', valid)).toContain('file name "use-dependency-cruiser.md" must look like 0001-short-title.md')
  })
})
