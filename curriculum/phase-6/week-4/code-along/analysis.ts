// Step 3: the decision an Argo Rollouts AnalysisRun makes from a metric's measurements.

export type Measurement = number | Error; // an Error = the query itself failed (e.g. Prometheus down)
export type Phase = 'Running' | 'Successful' | 'Failed' | 'Error';

export interface MetricSpec {
  successCondition: (value: number) => boolean; // like `result[0] < 0.01`
  count: number; // measurements to take
  failureLimit?: number; // failures tolerated (default 0: the first failure fails the run)
  consecutiveErrorLimit?: number; // query errors tolerated in a row (default 4)
}

export function assess(measurements: readonly Measurement[], spec: MetricSpec): Phase {
  const { failureLimit = 0, consecutiveErrorLimit = 4 } = spec;
  let failed = 0;
  let consecutiveErrors = 0;
  for (const m of measurements) {
    if (m instanceof Error) {
      if (++consecutiveErrors > consecutiveErrorLimit) return 'Error';
      continue;
    }
    consecutiveErrors = 0;
    if (!spec.successCondition(m) && ++failed > failureLimit) return 'Failed';
  }
  // Simplification: here only real values count toward `count`; a failed query measured nothing.
  const taken = measurements.filter((m) => !(m instanceof Error)).length;
  return taken >= spec.count ? 'Successful' : 'Running';
}
