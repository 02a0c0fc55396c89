/** The parts of ZAP's JSON report (`zap-baseline.py -J report.json`) that a CI gate needs. */
export interface ZapReport {
  readonly site: readonly {
    readonly '@name': string
    readonly alerts: readonly { readonly pluginid: string; readonly name: string; readonly riskcode: string; readonly count?: string }[]
  }[]
}

export const RISK = ['Informational', 'Low', 'Medium', 'High'] as const
export type Risk = (typeof RISK)[number]

export interface GateResult {
  readonly passed: boolean
  readonly counts: Record<Risk, number>
  /** One line per alert at or above the failing risk, e.g. `High 40012 Cross Site Scripting (Reflected) @ https://...`. */
  readonly failures: readonly string[]
}

/**
 * Fails when any alert is at or above `failAt` (default High), unless its rule id is accepted in
 * `ignore` with a written reason. The baseline script itself only fails on rules configured as FAIL
 * in its rules file; this gate expresses "no high severities" directly.
 */
export function zapGate(report: ZapReport, options: { failAt?: Risk; ignore?: Record<string, string> } = {}): GateResult {
  const threshold = RISK.indexOf(options.failAt ?? 'High')
  const counts: Record<Risk, number> = { Informational: 0, Low: 0, Medium: 0, High: 0 }
  const failures: string[] = []
  for (const site of report.site) {
    for (const alert of site.alerts) {
      const risk = RISK[Number(alert.riskcode)] ?? 'High' // unknown risk codes fail closed
      counts[risk]++
      if (RISK.indexOf(risk) >= threshold && !options.ignore?.[alert.pluginid]) {
        failures.push(`${risk} ${alert.pluginid} ${alert.name} @ ${site['@name']}`)
      }
    }
  }
  return { passed: failures.length === 0, counts, failures }
}
