// Step 1: liveness vs readiness endpoints for Kubernetes probes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Check = () => Promise<void>;

/**
 * /livez: "is this process able to make progress?" No dependency checks: if the database is down,
 * restarting every Pod does not fix the database, it only adds cold starts to the outage.
 * /readyz: "should this Pod receive traffic now?" Checks dependencies, with a timeout, and fails
 * while the app is still starting or is shutting down.
 */
export function createHealth(checks: Record<string, Check>, timeoutMs = 1000) {
  let started = false;
  let draining = false;

  const withTimeout = (check: Check) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      check().then(resolve, reject).finally(() => clearTimeout(t));
    });

  async function readiness(): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const names = Object.keys(checks);
    const results = await Promise.allSettled(names.map((n) => withTimeout(checks[n]!)));
    const report: Record<string, string> = {};
    results.forEach((r, i) => (report[names[i]!] = r.status === 'fulfilled' ? 'ok' : String(r.reason?.message ?? r.reason)));
    if (!started) report.startup = 'not finished';
    if (draining) report.shutdown = 'draining';
    return { ok: started && !draining && results.every((r) => r.status === 'fulfilled'), checks: report };
  }

  /** Returns true if it handled the request. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.url === '/livez') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return true;
    }
    if (req.url === '/readyz') {
      const r = await readiness();
      res.writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(r));
      return true;
    }
    return false;
  }

  return {
    handle,
    markStarted: () => void (started = true),
    markDraining: () => void (draining = true),
  };
}
