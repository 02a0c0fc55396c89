import { parseAllDocuments } from 'yaml';

export interface Finding {
  rule:
    | 'yaml'
    | 'replicas'
    | 'containers'
    | 'image-tag'
    | 'memory-limit'
    | 'requests'
    | 'readiness-probe'
    | 'liveness-readiness'
    | 'run-as-non-root';
  path: string;
  message: string;
}

// Manifests are untrusted, partial data: every level is optional.
interface Probe {
  httpGet?: { path?: string };
}
interface Container {
  image?: string;
  resources?: { limits?: { memory?: unknown }; requests?: { cpu?: unknown; memory?: unknown } };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  securityContext?: { runAsNonRoot?: boolean };
}
interface Deployment {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    replicas?: number;
    template?: { spec?: { securityContext?: { runAsNonRoot?: boolean }; containers?: Container[] } };
  };
}

function imageIsPinned(image: string): boolean {
  if (image.includes('@')) return true; // digest
  const lastSegment = image.slice(image.lastIndexOf('/') + 1); // 'host:5000/app' → 'app' (no tag)
  const colon = lastSegment.indexOf(':');
  return colon !== -1 && lastSegment.slice(colon + 1) !== 'latest';
}

function lintDeployment(d: Deployment, findings: Finding[]): void {
  const where = `Deployment/${d.metadata?.name ?? '(unnamed)'}`;
  const add = (rule: Finding['rule'], path: string, message: string) => findings.push({ rule, path, message });

  const replicas = d.spec?.replicas;
  if (replicas === undefined || replicas < 2) {
    add('replicas', `${where}.spec.replicas`, 'run at least 2 replicas so a rollout or node drain is not an outage');
  }

  const pod = d.spec?.template?.spec;
  const containers = pod?.containers ?? [];
  if (containers.length === 0) {
    add('containers', `${where}.spec.template.spec.containers`, 'no containers');
    return;
  }

  containers.forEach((c, i) => {
    const at = `${where}.spec.template.spec.containers[${i}]`;
    if (!c.image || !imageIsPinned(c.image)) add('image-tag', `${at}.image`, 'pin the image to a version tag or digest');
    // Without a memory limit, one leaking pod can push the whole node into OOM.
    if (c.resources?.limits?.memory === undefined) add('memory-limit', `${at}.resources.limits.memory`, 'set a memory limit');
    // Requests are what the scheduler uses to place the pod.
    if (c.resources?.requests?.cpu === undefined) add('requests', `${at}.resources.requests.cpu`, 'set a CPU request');
    if (c.resources?.requests?.memory === undefined) add('requests', `${at}.resources.requests.memory`, 'set a memory request');
    if (!c.readinessProbe) add('readiness-probe', `${at}.readinessProbe`, 'add a readiness probe');
    const live = c.livenessProbe?.httpGet?.path;
    if (live !== undefined && live === c.readinessProbe?.httpGet?.path) {
      add('liveness-readiness', `${at}.livenessProbe`, 'liveness must not check dependencies; use a separate endpoint');
    }
    // The container's own setting wins over the pod default, including an explicit false.
    const nonRoot = c.securityContext?.runAsNonRoot ?? pod?.securityContext?.runAsNonRoot;
    if (nonRoot !== true) add('run-as-non-root', `${at}.securityContext.runAsNonRoot`, 'set runAsNonRoot: true');
  });
}

export function lintManifests(text: string): Finding[] {
  const findings: Finding[] = [];
  parseAllDocuments(text).forEach((doc, n) => {
    // One broken document must not hide problems in the others.
    if (doc.errors.length > 0) {
      findings.push({ rule: 'yaml', path: `document[${n}]`, message: doc.errors[0]?.message ?? 'invalid YAML' });
      return;
    }
    const value: unknown = doc.toJS();
    if (typeof value !== 'object' || value === null) return; // empty document
    const manifest = value as Deployment;
    if (manifest.kind === 'Deployment') lintDeployment(manifest, findings);
  });
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule.localeCompare(b.rule)));
}
