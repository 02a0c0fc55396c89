import { describe, it, expect } from 'vitest'
import { type ZapReport, zapGate } from './zap-gate.js'

// Test data shaped like `zap-baseline.py -J report.json` output; risk levels chosen for the test.
const report: ZapReport = {
  site: [
    {
      '@name': 'http://localhost:3000',
      alerts: [
        { pluginid: '10021', name: 'X-Content-Type-Options Header Missing', riskcode: '1', count: '3' },
        { pluginid: '10038', name: 'Content Security Policy (CSP) Header Not Set', riskcode: '2', count: '3' },
        { pluginid: '10096', name: 'Timestamp Disclosure - Unix', riskcode: '0', count: '1' },
      ],
    },
  ],
}

const withHigh: ZapReport = {
  site: [
    {
      '@name': 'http://localhost:3000',
      alerts: [...(report.site[0]?.alerts ?? []), { pluginid: '99999', name: 'Pretend high-risk finding', riskcode: '3' }],
    },
  ],
}

describe('step 5: a CI gate on the ZAP baseline report', () => {
  it('passes a report without high-risk alerts and counts every level', () => {
    expect(zapGate(report)).toEqual({ passed: true, counts: { Informational: 1, Low: 1, Medium: 1, High: 0 }, failures: [] })
  })

  it('fails on a high-risk alert and names it', () => {
    const result = zapGate(withHigh)
    expect(result.passed).toBe(false)
    expect(result.failures).toEqual(['High 99999 Pretend high-risk finding @ http://localhost:3000'])
  })

  it('can be tightened to fail on medium as well', () => {
    expect(zapGate(report, { failAt: 'Medium' }).failures).toEqual([
      'Medium 10038 Content Security Policy (CSP) Header Not Set @ http://localhost:3000',
    ])
  })

  it('accepts a documented exception, and fails closed on an unknown risk code', () => {
    expect(zapGate(withHigh, { ignore: { '99999': 'false positive: see ADR-004' } }).passed).toBe(true)
    const odd: ZapReport = { site: [{ '@name': 'x', alerts: [{ pluginid: '1', name: 'odd', riskcode: '7' }] }] }
    expect(zapGate(odd).passed).toBe(false)
  })
})
