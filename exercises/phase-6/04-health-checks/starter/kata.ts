export type Check = (signal: AbortSignal) => Promise<unknown>;

export interface HealthOptions {
  checks: Record<string, Check>;
  timeoutMs: number;
}

export interface HealthBody {
  status: 'ok' | 'fail';
  checks?: Record<string, string>;
  reason?: string;
}

export interface HealthResponse {
  status: 200 | 503;
  body: HealthBody;
}

export class Health {
  readonly #options: HealthOptions;

  constructor(options: HealthOptions) {
    this.#options = options;
  }

  liveness(): HealthResponse {
    throw new Error('TODO: liveness');
  }

  async readiness(): Promise<HealthResponse> {
    // Naive: sequential, no timeout, throws on the first failure.
    const checks: Record<string, string> = {};
    for (const [name, check] of Object.entries(this.#options.checks)) {
      await check(new AbortController().signal);
      checks[name] = 'ok';
    }
    return { status: 200, body: { status: 'ok', checks } };
  }

  startShutdown(): void {
    throw new Error('TODO: startShutdown');
  }
}
