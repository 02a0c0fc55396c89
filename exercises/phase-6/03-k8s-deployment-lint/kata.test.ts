import { describe, it, expect } from 'vitest';
import { lintManifests } from './kata.js';

const GOOD = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          readinessProbe:
            httpGet: { path: /readyz, port: 3000 }
          livenessProbe:
            httpGet: { path: /livez, port: 3000 }
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: { app: api }
  ports: [{ port: 80, targetPort: 3000 }]
`;

const C0 = 'Deployment/api.spec.template.spec.containers[0]';
const paths = (text: string) => lintManifests(text).map((f) => `${f.rule} ${f.path}`);

/** GOOD's Deployment with one line replaced. */
const variant = (from: string, to: string) => {
  if (!GOOD.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return GOOD.replace(from, to);
};

describe('lintManifests', () => {
  it('finds nothing in a good Deployment and ignores the Service next to it', () => {
    expect(lintManifests(GOOD)).toEqual([]);
  });

  it('replicas: missing or below 2', () => {
    expect(paths(variant('replicas: 3', 'replicas: 1'))).toEqual(['replicas Deployment/api.spec.replicas']);
    expect(paths(variant('  replicas: 3\n', ''))).toEqual(['replicas Deployment/api.spec.replicas']);
  });

  it('image-tag: latest, no tag, registry port without tag; a digest is fine', () => {
    expect(paths(variant('ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/api:latest'))).toEqual([`image-tag ${C0}.image`]);
    expect(paths(variant('ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/api'))).toEqual([`image-tag ${C0}.image`]);
    expect(paths(variant('ghcr.io/acme/api:1.4.2', 'registry.local:5000/api'))).toEqual([`image-tag ${C0}.image`]);
    expect(paths(variant('ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/api@sha256:0123abcd'))).toEqual([]);
  });

  it('resources: memory limit and both requests, one finding per missing field', () => {
    const text = variant('            limits: { memory: 256Mi }\n', '').replace('requests: { cpu: 100m, memory: 128Mi }', 'requests: { cpu: 100m }');
    expect(paths(text)).toEqual([`memory-limit ${C0}.resources.limits.memory`, `requests ${C0}.resources.requests.memory`]);
  });

  it('probes: readiness is required; liveness must not share the readiness path', () => {
    expect(paths(variant('httpGet: { path: /livez, port: 3000 }', 'httpGet: { path: /readyz, port: 3000 }'))).toEqual([
      `liveness-readiness ${C0}.livenessProbe`,
    ]);
    const noReadiness = variant('          readinessProbe:\n            httpGet: { path: /readyz, port: 3000 }\n', '');
    expect(paths(noReadiness)).toEqual([`readiness-probe ${C0}.readinessProbe`]);
  });

  it('run-as-non-root: the pod default counts, but a container can override it with false', () => {
    expect(paths(variant('runAsNonRoot: true', 'runAsNonRoot: false'))).toEqual([`run-as-non-root ${C0}.securityContext.runAsNonRoot`]);
    const override = variant('          image: ghcr.io/acme/api:1.4.2\n', '          image: ghcr.io/acme/api:1.4.2\n          securityContext: { runAsNonRoot: false }\n');
    expect(paths(override)).toEqual([`run-as-non-root ${C0}.securityContext.runAsNonRoot`]);
  });

  it('a minimal manifest gives findings, not a TypeError', () => {
    const minimal = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';
    const c = 'Deployment/web.spec.template.spec.containers[0]';
    expect(paths(minimal)).toEqual([
      'replicas Deployment/web.spec.replicas',
      `image-tag ${c}.image`,
      `readiness-probe ${c}.readinessProbe`,
      `memory-limit ${c}.resources.limits.memory`,
      `requests ${c}.resources.requests.cpu`,
      `requests ${c}.resources.requests.memory`,
      `run-as-non-root ${c}.securityContext.runAsNonRoot`,
    ]);
  });

  it('a Deployment without containers is a finding', () => {
    const text = 'kind: Deployment\nmetadata: { name: empty }\nspec:\n  replicas: 2\n  template:\n    spec: {}\n';
    expect(paths(text)).toEqual(['containers Deployment/empty.spec.template.spec.containers']);
  });

  it('checks every document, reports a broken one, and skips empty ones', () => {
    const second = GOOD.split('---')[0]!.replace('name: api', 'name: worker').replace('replicas: 3', 'replicas: 1');
    const text = `${GOOD}\n---\n${second}\n---\nkind: [unclosed\n---\n`;
    const findings = lintManifests(text);
    expect(findings.map((f) => f.rule)).toEqual(['replicas', 'yaml']);
    expect(findings[0]?.path).toBe('Deployment/worker.spec.replicas');
    expect(findings[1]?.path).toBe('document[3]');
  });
});
