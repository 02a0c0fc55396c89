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
  #shuttingDown = false;

  constructor(options: HealthOptions) {
    this.#options = options;
  }

  /** "Is the process alive?" Deliberately checks no dependency: restarting us would not fix them. */
  liveness(): HealthResponse {
    return { status: 200, body: { status: 'ok' } };
  }

  async readiness(): Promise<HealthResponse> {
    if (this.#shuttingDown) {
      return { status: 503, body: { status: 'fail', reason: 'shutting down', checks: {} } };
    }
    const entries = Object.entries(this.#options.checks);
    // All checks start now; each result promise resolves (never rejects), so Promise.all waits for all.
    const results = await Promise.all(entries.map(([, check]) => this.#run(check)));
    const checks: Record<string, string> = {};
    entries.forEach(([name], i) => {
      checks[name] = results[i] ?? 'ok';
    });
    const ok = results.every((r) => r === 'ok');
    return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'fail', checks } };
  }

  /** Flip readiness to failing so the load balancer drains us; liveness stays green. */
  startShutdown(): void {
    this.#shuttingDown = true;
  }

  async #run(check: Check): Promise<string> {
    const { timeoutMs } = this.#options;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(); // tell the check to give up (cancel the query, close the socket...)
        reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      // The async wrapper turns a synchronous throw into a rejection.
      await Promise.race([(async () => check(controller.signal))(), timeout]);
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer); // don't leave a timer per probe behind
    }
  }
}
