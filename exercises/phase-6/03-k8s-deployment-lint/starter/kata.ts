import { parse } from 'yaml';

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

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
}

export function lintManifests(text: string): Finding[] {
  // Naive: parses only the first document and assumes every field is there.
  const doc = parse(text) as Manifest;
  const findings: Finding[] = [];
  const where = `Deployment/${doc.metadata.name}`;
  if (doc.spec.replicas < 2) findings.push({ rule: 'replicas', path: `${where}.spec.replicas`, message: 'use at least 2' });
  doc.spec.template.spec.containers.forEach((c, i) => {
    if (c.image.endsWith(':latest')) {
      findings.push({ rule: 'image-tag', path: `${where}.spec.template.spec.containers[${i}].image`, message: 'pin the tag' });
    }
  });
  return findings; // TODO: the other rules, multiple documents, missing fields
}
