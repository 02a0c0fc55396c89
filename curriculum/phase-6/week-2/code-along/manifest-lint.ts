// Step 2: lint Deployment and Service manifests for what makes rollouts safe.
import { parseAllDocuments } from 'yaml';

export interface Finding {
  doc: string; // Kind/name
  rule: string;
  message: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], v);

export function lintManifests(text: string): Finding[] {
  const docs = parseAllDocuments(text).map((d) => obj(d.toJS()));
  const findings: Finding[] = [];
  const podLabels: Obj[] = [];
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();

  for (const d of docs.filter((x) => x.kind === 'Deployment')) {
    const id = `Deployment/${String(at(d, 'metadata', 'name'))}`;
    const add = (rule: string, message: string) => findings.push({ doc: id, rule, message });
    const selector = obj(at(d, 'spec', 'selector', 'matchLabels'));
    const labels = obj(at(d, 'spec', 'template', 'metadata', 'labels'));
    podLabels.push(labels);
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v) || Object.keys(selector).length === 0) {
      add('selector', 'spec.selector.matchLabels must match spec.template.metadata.labels');
    }
    const replicas = at(d, 'spec', 'replicas');
    if (typeof replicas === 'number' && replicas < 2) add('replicas', 'run at least 2 replicas to roll out without downtime');

    for (const c of arr(at(d, 'spec', 'template', 'spec', 'containers')).map(obj)) {
      const name = String(c.name);
      const ports = arr(c.ports).map(obj);
      ports.forEach((p) => {
        if (typeof p.name === 'string') portNames.add(p.name);
        if (typeof p.containerPort === 'number') portNumbers.add(p.containerPort);
      });
      const image = String(c.image ?? '');
      if (!image.includes('@sha256:') && (!/:[^/]+$/.test(image) || image.endsWith(':latest'))) {
        add('image-tag', `${name}: pin the image to a version tag or digest`);
      }
      for (const probe of ['readinessProbe', 'livenessProbe'] as const) {
        if (!c[probe]) {
          add(probe, `${name}: add a ${probe}`);
          continue;
        }
        const port = at(c, probe, 'httpGet', 'port');
        const known = ports.some((p) => p.name === port || p.containerPort === port);
        if (port !== undefined && !known) add('probe-port', `${name}: ${probe} port ${String(port)} is not a container port`);
      }
      const res = obj(c.resources);
      for (const [path, label] of [
        [['requests', 'cpu'], 'requests.cpu'],
        [['requests', 'memory'], 'requests.memory'],
        [['limits', 'memory'], 'limits.memory'],
      ] as const) {
        if (at(res, ...path) === undefined) add('resources', `${name}: set resources.${label}`);
      }
    }
  }

  for (const s of docs.filter((x) => x.kind === 'Service')) {
    const id = `Service/${String(at(s, 'metadata', 'name'))}`;
    const selector = obj(at(s, 'spec', 'selector'));
    const matches = podLabels.some((l) => Object.entries(selector).every(([k, v]) => l[k] === v));
    if (Object.keys(selector).length === 0 || !matches) {
      findings.push({ doc: id, rule: 'service-selector', message: 'selector matches no Pod template in this file' });
    }
    for (const p of arr(at(s, 'spec', 'ports')).map(obj)) {
      const target = p.targetPort ?? p.port; // targetPort defaults to port
      if (!(portNames.has(target as string) || portNumbers.has(target as number))) {
        findings.push({ doc: id, rule: 'target-port', message: `targetPort ${String(target)} is not a container port` });
      }
    }
  }
  return findings;
}
