import type { Deps } from '../deps.js';
import type { DockerEngine, ResolvedService, ServiceName, ServiceProvider } from './service-provider.js';

export type { DockerEngine } from './service-provider.js';

/** Whether a Docker engine answers (`docker info`), probed once per caller and shared (doctor asks for it three ways). */
export async function dockerEngine(deps: Deps): Promise<DockerEngine> {
  const r = await deps.runner.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5_000 });
  if (r.notFound) return { ok: false, version: null, why: 'Docker: docker is not installed' };
  if (!r.ok || !r.stdout.trim()) return { ok: false, version: null, why: 'Docker: the docker engine is not running (docker info failed)' };
  return { ok: true, version: r.stdout.trim(), why: `Docker ${r.stdout.trim()}` };
}

// pgvector's image: Postgres with the vector extension, which phase 7 needs.
const IMAGE: Record<ServiceName, string> = { postgres: 'pgvector/pgvector:pg17', redis: 'redis:7-alpine' };

/**
 * 2. Docker → testcontainers (its own reaper, Ryuk, removes the container if roadmap dies). A start that fails (the
 * engine went away, the image cannot be pulled) passes over to the next source with the reason.
 */
export function dockerContainer(name: ServiceName): ServiceProvider {
  const image = IMAGE[name];
  return {
    source: 'docker',
    async resolve(deps) {
      const docker = await dockerEngine(deps);
      if (!docker.ok) return docker.why;
      let started: { url: string; stop: () => Promise<unknown> };
      try {
        if (name === 'postgres') {
          const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
          const container = await new PostgreSqlContainer(image).start();
          started = { url: container.getConnectionUri(), stop: () => container.stop() };
        } else {
          const { RedisContainer } = await import('@testcontainers/redis');
          const container = await new RedisContainer(image).start();
          started = { url: container.getConnectionUrl(), stop: () => container.stop() };
        }
      } catch (error) {
        return `Docker: starting ${image} failed (${((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 160)})`;
      }
      const stopping = deps.lifecycle.defer(async () => void (await started.stop()), `stop the ${image} container`);
      return { name, url: started.url, source: 'docker', detail: `testcontainers ${image} (${docker.why})`, stop: () => stopping.release() } satisfies ResolvedService;
    },
    async choose(_deps, probes) {
      const docker = await probes.docker;
      return docker.ok ? { detail: `testcontainers on ${docker.why}` } : docker.why;
    },
  };
}
