import type { Deps } from '../deps.js';
import { RoadmapError } from '../errors.js';
import type { ServiceName, ServiceProvider } from './service-provider.js';
import { probePostgres, probeRedis, type ProbeFailure } from './service-probe.js';

const ENV_VAR: Record<ServiceName, string> = { postgres: 'DATABASE_URL', redis: 'REDIS_URL' };
const DEFAULT_PORT: Record<ServiceName, number> = { postgres: 5432, redis: 6379 };
const EXAMPLE: Record<ServiceName, string> = { postgres: 'postgres://user@127.0.0.1:5432/db', redis: 'redis://127.0.0.1:6379' };
const LABEL: Record<ServiceName, string> = { postgres: 'Postgres', redis: 'Redis' };

function hostPort(url: string, name: ServiceName): { host: string; port: number } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname || '127.0.0.1', port: Number(u.port || DEFAULT_PORT[name]) };
  } catch {
    return null;
  }
}

/** The one line for a URL that does not lead to a working service, with what to do about it. */
function brokenUrl(name: ServiceName, at: { host: string; port: number }, failure: ProbeFailure, timeoutMs: number): string {
  const variable = ENV_VAR[name];
  const where = `${at.host}:${at.port}`;
  const unset = `or unset ${variable} to let roadmap start one`;
  switch (failure.kind) {
    case 'refused':
      return `${variable} points at ${where}, which is not accepting connections: start it, ${unset}`;
    case 'unreachable':
      return `${variable} points at ${where}, which cannot be reached (${failure.reason}): fix the host, ${unset}`;
    case 'timeout':
      return `${variable} points at ${where}, which did not answer as ${LABEL[name]} within ${timeoutMs / 1000} s: point it at a ${LABEL[name]} server, ${unset}`;
    case 'login':
      return `${variable}: the ${LABEL[name]} at ${where} refused the connection (${failure.reason}): fix the URL, ${unset}`;
    case 'not-it':
      return `${variable} points at ${where}, which does not answer as ${LABEL[name]} (${failure.reason}): point it at a ${LABEL[name]} server, ${unset}`;
  }
}

/** The URL in the (set) variable, once it has answered; throws one line when it is broken. */
async function checkedUrl(deps: Deps, name: ServiceName, connectTimeoutMs: number): Promise<string> {
  const variable = ENV_VAR[name];
  const url = deps.env[variable]!;
  const at = hostPort(url, name);
  if (!at) throw new RoadmapError(`${variable}=${url} is not a URL: expected e.g. ${EXAMPLE[name]}`);
  const failure = await (name === 'postgres' ? probePostgres(url, connectTimeoutMs) : probeRedis(url, connectTimeoutMs));
  if (failure) throw new RoadmapError(brokenUrl(name, at, failure, connectTimeoutMs));
  return url;
}

/**
 * 1. A URL from the environment (how CI runs here). Used as given, once it has answered the protocol's opening:
 * a URL that is set but broken stops the command with one line (roadmap never starts another service behind the
 * learner's back when they named one).
 */
export function envUrl(name: ServiceName): ServiceProvider {
  const variable = ENV_VAR[name];
  return {
    source: 'env',
    async resolve(deps, options) {
      if (!deps.env[variable]) return `${variable} is not set`;
      const url = await checkedUrl(deps, name, options.connectTimeoutMs);
      return { name, url, source: 'env', detail: variable, stop: async () => {} };
    },
    async choose(deps, _probes, options) {
      if (!deps.env[variable]) return `${variable} is not set`;
      const url = await checkedUrl(deps, name, options.connectTimeoutMs);
      return { detail: `${variable}=${url}` };
    },
  };
}
