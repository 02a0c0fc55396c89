/** What the security scan of `roadmap verify phase-4` finds and reports, whichever scanner ran. */

/** ZAP's four risk levels (riskcode 3, 2, 1, 0); every tool's levels are mapped onto them. */
export type Severity = 'high' | 'medium' | 'low' | 'informational';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'informational'];

export type FindingTool = 'zap' | 'wapiti' | 'sqlmap' | 'passive';

export interface Finding {
  readonly tool: FindingTool;
  /** ZAP's scan rule id where there is one ("10021", "40018"), else the tool's own category ("Internal Server Error"). */
  readonly ruleId: string;
  readonly name: string;
  readonly severity: Severity;
  /** The concrete URL the finding is on (ids as the run had them). */
  readonly url: string;
  readonly method: string;
  /**
   * The endpoint's template (`GET /documents/:id`) when the URL is on the scanned surface: what a rerun against a
   * freshly seeded database compares by, since its ids differ.
   */
  readonly endpoint?: string;
  readonly param?: string;
  readonly evidence?: string;
}

export type ScannerName = 'zap-baseline' | 'wapiti+sqlmap+passive';

export interface ScanResult {
  readonly scanner: ScannerName;
  /** Why this scanner (ZAP's image was there, or what was missing for it). */
  readonly why: string;
  readonly tools: readonly { readonly name: string; readonly version: string }[];
  readonly target: string;
  readonly endpoints: number;
  /** The endpoint templates scanned (`GET /documents/:id`). */
  readonly surface: readonly string[];
  readonly findings: readonly Finding[];
  readonly durationMs: number;
  readonly notes: readonly string[];
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, informational: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
