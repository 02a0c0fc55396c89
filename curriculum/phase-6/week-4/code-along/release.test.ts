import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assess } from './analysis.js';
import { createRouter, promoteIfHealthy } from './blue-green.js';
import { budgetRemaining, budgetSpent, burnRate, errorBudget, firingAlerts, promqlFor, RULES } from './slo.js';

describe('step 1: error budgets', () => {
  it('99.9% over 30 days allows 43.2 minutes of full outage', () => {
    expect(errorBudget(0.999).minutes).toBeCloseTo(43.2);
    expect(errorBudget(0.99, 28).minutes).toBeCloseTo(403.2);
  });

  it('tracks how much budget is left', () => {
    expect(budgetRemaining(0.999, 1_000_000, 1_000_000)).toBe(1);
    expect(budgetRemaining(0.999, 999_500, 1_000_000)).toBeCloseTo(0.5);
    expect(budgetRemaining(0.999, 998_000, 1_000_000)).toBeCloseTo(-1); // SLO missed
  });
});

describe('step 2: burn-rate alerts', () => {
  it('the workbook thresholds spend 2%, 5% and 10% of a 30-day budget', () => {
    expect(budgetSpent(14.4, 1)).toBeCloseTo(0.02);
    expect(budgetSpent(6, 6)).toBeCloseTo(0.05);
    expect(budgetSpent(1, 72)).toBeCloseTo(0.1);
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4);
  });

  it('pages only when the long AND the short window both burn fast', () => {
    const slo = 0.999;
    expect(firingAlerts({ '1h': 0.02, '5m': 0.03 }, slo).map((r) => r.long)).toEqual(['1h']);
    // The outage ended: the 1-hour window is still high, the 5-minute one is not, so no page.
    expect(firingAlerts({ '1h': 0.02, '5m': 0.0001 }, slo)).toEqual([]);
    // A slow leak: a ticket, not a page.
    expect(firingAlerts({ '3d': 0.0012, '6h': 0.0015, '1h': 0.0015, '5m': 0.0015 }, slo).map((r) => r.severity)).toEqual([
      'ticket',
    ]);
  });

  it('renders the fast-burn rule as PromQL', () => {
    expect(promqlFor(RULES[0]!, 0.999)).toBe(
      '(sum(rate(http_server_request_duration_seconds_count{status_code=~"5.."}[1h])) / sum(rate(http_server_request_duration_seconds_count[1h]))) > 0.0144' +
        ' and (sum(rate(http_server_request_duration_seconds_count{status_code=~"5.."}[5m])) / sum(rate(http_server_request_duration_seconds_count[5m]))) > 0.0144',
    );
  });
});

describe('step 3: analysis like an Argo Rollouts AnalysisRun', () => {
  const spec = { successCondition: (v: number) => v < 0.01, count: 3 };

  it('is Running until count measurements, then Successful', () => {
    expect(assess([0.001], spec)).toBe('Running');
    expect(assess([0.001, 0, 0.002], spec)).toBe('Successful');
  });

  it('fails as soon as failures exceed failureLimit', () => {
    expect(assess([0.05], spec)).toBe('Failed'); // failureLimit defaults to 0
    expect(assess([0.05, 0.001, 0.001], { ...spec, failureLimit: 1 })).toBe('Successful');
    expect(assess([0.05, 0.001, 0.05], { ...spec, failureLimit: 1 })).toBe('Failed');
  });

  it('errors after too many failed queries in a row', () => {
    const down = new Error('prometheus unreachable');
    expect(assess([down, down, down, down], spec)).toBe('Running'); // 4 is still tolerated
    expect(assess([down, down, down, down, down], spec)).toBe('Error');
  });
});

describe('step 4: a zero-downtime blue-green switch', () => {
  const servers: Server[] = [];
  const base = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  async function serve(handler: RequestListener | Server): Promise<Server> {
    const s = typeof handler === 'function' ? createServer(handler) : handler;
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return s;
  }
  let blue: Server;
  let green: Server;
  let badGreen: Server;

  beforeAll(async () => {
    blue = await serve((req, res) => {
      const delay = req.url === '/slow' ? 150 : 0;
      setTimeout(() => res.end('blue'), delay);
    });
    green = await serve((_req, res) => void res.end('green'));
    let n = 0;
    badGreen = await serve((_req, res) => {
      res.writeHead(++n % 10 === 0 ? 500 : 200).end('bad green'); // 10% errors
    });
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('switches traffic with no failed request, and in-flight requests finish on blue', async () => {
    const router = createRouter(base(blue));
    const r = await serve(router.server);
    const url = base(r);
    const inFlight = fetch(url + '/slow').then((res) => res.text());
    let stop = false;
    const seen: string[] = [];
    const traffic = (async () => {
      while (!stop) {
        const batch = await Promise.all(Array.from({ length: 5 }, () => fetch(url).then(async (res) => `${res.status} ${await res.text()}`)));
        seen.push(...batch);
      }
    })();

    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0)); // traffic is flowing to blue
    const result = await promoteIfHealthy(router, base(green), { requestsPerMeasurement: 20, maxErrorRatio: 0.01, count: 3 });
    const afterSwitch = seen.length;
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(afterSwitch + 5));
    stop = true;
    await traffic;

    expect(result).toBe('promoted');
    expect(await inFlight).toBe('blue');
    expect(seen.every((s) => s === '200 blue' || s === '200 green')).toBe(true); // not one failure
    expect(seen).toContain('200 blue');
    expect(await (await fetch(url)).text()).toBe('green');
    router.close();
  });

  it('aborts when green fails its analysis; blue keeps serving', async () => {
    const router = createRouter(base(blue));
    const r = await serve(router.server);
    const result = await promoteIfHealthy(router, base(badGreen), { requestsPerMeasurement: 20, maxErrorRatio: 0.01, count: 3 });
    expect(result).toBe('aborted');
    expect(router.active()).toBe(base(blue));
    expect(await (await fetch(base(r))).text()).toBe('blue');
    router.close();
  });
});
