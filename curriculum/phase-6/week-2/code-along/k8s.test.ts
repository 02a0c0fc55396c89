import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealth } from './health.js';
import { lintManifests } from './manifest-lint.js';
import { resolveRollingUpdate, simulateRollout } from './rollout.js';

describe('step 1: liveness and readiness endpoints', () => {
  let dbUp = true;
  let cacheHangs = false;
  const health = createHealth(
    {
      db: async () => {
        if (!dbUp) throw new Error('connection refused');
      },
      cache: () => (cacheHangs ? new Promise<void>(() => {}) : Promise.resolve()),
    },
    100,
  );
  let server: Server;
  let base: string;
  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.text() };
  };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      if (!(await health.handle(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is live but not ready until startup finishes', async () => {
    expect((await get('/livez')).status).toBe(200);
    const r = await get('/readyz');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).checks.startup).toBe('not finished');
    health.markStarted();
    expect((await get('/readyz')).status).toBe(200);
  });

  it('a failing dependency makes the Pod unready, not dead', async () => {
    dbUp = false;
    const r = await get('/readyz');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).checks).toMatchObject({ db: 'connection refused', cache: 'ok' });
    expect((await get('/livez')).status).toBe(200); // a restart would not fix the database
    dbUp = true;
  });

  it('a hanging check times out instead of hanging the probe', async () => {
    cacheHangs = true;
    const t0 = Date.now();
    const r = await get('/readyz');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).checks.cache).toMatch(/timed out/);
    expect(Date.now() - t0).toBeLessThan(1000); // well inside the probe's timeoutSeconds
    cacheHangs = false;
  });

  it('reports unready while draining', async () => {
    health.markDraining();
    expect((await get('/readyz')).status).toBe(503);
  });
});

describe('step 2: lint the manifests', () => {
  it('the example Deployment + Service pass', () => {
    const text = readFileSync(new URL('./k8s/app.yaml', import.meta.url), 'utf8');
    expect(lintManifests(text)).toEqual([]);
  });

  it('flags missing probes, resources, floating tags and broken selectors', () => {
    const text = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: website } }
    spec:
      containers:
        - name: web
          image: nginx
          ports: [{ containerPort: 8080 }]
          livenessProbe: { httpGet: { path: /livez, port: 9090 } }
          resources: { requests: { cpu: 100m } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 3000 }]
`;
    expect(lintManifests(text).map((f) => `${f.doc} ${f.rule}`)).toEqual([
      'Deployment/web selector',
      'Deployment/web replicas',
      'Deployment/web image-tag',
      'Deployment/web readinessProbe',
      'Deployment/web probe-port',
      'Deployment/web resources',
      'Deployment/web resources',
      'Service/web service-selector',
      'Service/web target-port',
    ]);
  });
});

describe('step 3: rolling update arithmetic', () => {
  it('rounds maxSurge up and maxUnavailable down', () => {
    expect(resolveRollingUpdate(10)).toEqual({ surge: 3, unavailable: 2 }); // defaults 25% / 25%
    expect(resolveRollingUpdate(3)).toEqual({ surge: 1, unavailable: 0 });
    expect(() => resolveRollingUpdate(3, 0, '10%')).toThrow(/both be 0/);
  });

  it('maxUnavailable: 0 keeps every replica serving throughout', () => {
    const steps = simulateRollout(3, 1, 0);
    expect(steps.every((s) => s.ready >= 3)).toBe(true);
    expect(steps.at(-1)).toEqual({ old: 0, new: 3, ready: 3 });
  });

  it('never exceeds replicas + surge Pods nor drops below replicas − unavailable ready', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(5), fc.nat(5), (replicas, surge, unavailable) => {
        fc.pre(surge + unavailable > 0);
        const steps = simulateRollout(replicas, surge, unavailable);
        for (const s of steps) {
          expect(s.old + s.new).toBeLessThanOrEqual(replicas + surge);
          expect(s.ready).toBeGreaterThanOrEqual(Math.max(0, replicas - unavailable));
        }
        expect(steps.at(-1)).toEqual({ old: 0, new: replicas, ready: replicas });
      }),
    );
  });
});
