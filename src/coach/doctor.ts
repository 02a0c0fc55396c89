import { accessSync, constants, existsSync } from 'node:fs';
import type { Deps } from '../deps.js';
import { workspaceOf } from './context.js';
import type { ServiceChoice } from '../services/service-resolver.js';
import { nodeVersion, platform } from '../system/runtime.js';
import { tildify } from '../system/paths.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface ToolCheck {
  readonly name: string;
  readonly version: string | null;
  readonly neededFor: string;
  readonly note?: string;
}

export interface DoctorReport {
  readonly core: readonly DoctorCheck[];
  readonly tools: readonly ToolCheck[];
  /** Which Postgres and Redis the projects would get, and why the earlier sources were passed over. */
  readonly services: readonly ServiceChoice[];
  /** What a roadmap killed with SIGKILL had left running (private servers, their folders), reaped just now. */
  readonly reaped: readonly string[];
  /** Node, the store and the plan work: roadmap's own commands can run. */
  readonly coreOk: boolean;
}

interface ToolSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly neededFor: string;
}

/** External tools later phases use, with what each is for. */
export const TOOLS: readonly ToolSpec[] = [
  { name: 'git', command: 'git', args: ['--version'], neededFor: 'workspace history, phase tags' },
  { name: 'docker', command: 'docker', args: ['--version'], neededFor: 'testcontainers services, images (phase 6)' },
  { name: 'psql', command: 'psql', args: ['--version'], neededFor: 'Postgres shell (phase 2)' },
  { name: 'pg_dump', command: 'pg_dump', args: ['--version'], neededFor: 'migration restore test (phase 2)' },
  { name: 'redis-server', command: 'redis-server', args: ['--version'], neededFor: 'private Redis for projects (phase 2, 5)' },
  { name: 'go', command: 'go', args: ['version'], neededFor: 'Go katas and client (phase 8)' },
  { name: 'k6', command: 'k6', args: ['version'], neededFor: 'load tests (phase 5)' },
  { name: 'kind', command: 'kind', args: ['version'], neededFor: 'local Kubernetes (phase 6)' },
  { name: 'kubectl', command: 'kubectl', args: ['version', '--client'], neededFor: 'deploys (phase 6)' },
  { name: 'terraform', command: 'terraform', args: ['version'], neededFor: 'infrastructure as code (phase 6)' },
  { name: 'ollama', command: 'ollama', args: ['--version'], neededFor: 'local LLM and embeddings (phase 7)' },
  { name: 'chromium', command: 'chromium', args: ['--version'], neededFor: 'HTML portfolio checks (reports)' },
  { name: 'tmux', command: 'tmux', args: ['-V'], neededFor: 'TUI end-to-end tests' },
];

const MIN_NODE = [20, 19] as const;

function nodeCheck(): DoctorCheck {
  const v = nodeVersion();
  const [major = 0, minor = 0] = v.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return { name: 'node', status: ok ? 'ok' : 'fail', detail: `v${v} (${platform()})${ok ? '' : `; roadmap needs >= ${MIN_NODE.join('.')}`}` };
}

function firstVersion(text: string): string | null {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = /v?(\d+\.\d+(?:\.\d+)?[\w.+-]*)/.exec(line);
  return m ? m[1]! : line.trim() || null;
}

export interface RestoreResult {
  /** The backup put back, e.g. `roadmap-20250612-090000-daily.db`. */
  readonly backup: string;
  /** Local time it was taken. */
  readonly takenAt: string;
  /** Where the store it replaced was kept (null when there was none). */
  readonly keptAs: string | null;
}

/**
 * `roadmap doctor --restore`: puts a backup of the store back in place, the newest sound one or the one named,
 * keeping the store it replaces beside the backups. Runs before anything opens the store; a failure (no
 * backups, an unknown name, a damaged backup) is one line that says what there is.
 */
export async function restoreStore(deps: Deps, which?: string): Promise<RestoreResult> {
  const { restoreBackup } = await import('../store/store-backups.js');
  const r = restoreBackup(deps.paths.storeFile, deps.clock.now(), which);
  return { backup: r.backup.name, takenAt: r.backup.takenAt, keptAs: r.keptAs };
}

/**
 * The store's lines: the repair of a migration an older roadmap left halfway (a backup is taken first; see
 * store-repair.ts), then whether the store opens, its integrity and its newest backup. Store modules are
 * imported here, not at the top, so `roadmap --help` never loads the SQLite addon.
 */
async function storeChecks(deps: Deps): Promise<DoctorCheck[]> {
  const file = deps.paths.storeFile;
  const out: DoctorCheck[] = [];
  const { backupsDirOf, listBackups } = await import('../store/store-backups.js');
  try {
    const { repairInterruptedMigration } = await import('../store/store-repair.js');
    const repaired = await repairInterruptedMigration(file, deps.clock.now());
    if (repaired) {
      out.push({
        name: 'repair',
        status: 'ok',
        detail: `migration ${repaired.migration} had stopped halfway: dropped what it left (${repaired.dropped.join(', ')}) so it runs again whole; backup ${tildify(repaired.backup, deps.env)}`,
      });
    }
    const store = await deps.store();
    const integrity = await store.integrityCheck();
    const newest = listBackups(backupsDirOf(file))[0];
    const backup = newest ? `newest backup ${newest.takenAt}` : 'no backup yet';
    const fix = integrity === 'ok' ? '' : '; `roadmap doctor --restore` puts back the newest sound backup';
    out.push({ name: 'store', status: integrity === 'ok' ? 'ok' : 'fail', detail: `${tildify(store.file, deps.env)} (integrity: ${integrity}; ${backup})${fix}` });
  } catch (e) {
    out.push({ name: 'store', status: 'fail', detail: (e as Error).message });
  }
  return out;
}

/**
 * Checks that roadmap itself works (Node version, the store and its integrity, the plan, the workspace) and
 * which external tools of later phases are installed, probing them in parallel. It repairs a store an older
 * roadmap left half-migrated (the `repair` line says what it did).
 */
export async function runDoctor(deps: Deps): Promise<DoctorReport> {
  const core: DoctorCheck[] = [nodeCheck(), ...(await storeChecks(deps))];
  try {
    const plan = await deps.plan();
    core.push({ name: 'plan', status: 'ok', detail: `${plan.phases.length} phases, ${plan.phases.reduce((a, p) => a + p.tasks.length, 0)} tasks` });
  } catch (e) {
    core.push({ name: 'plan', status: 'fail', detail: (e as Error).message });
  }
  let workspace = deps.paths.defaultWorkspace;
  try {
    workspace = await workspaceOf(deps);
  } catch {
    // The store check above already reported it.
  }
  if (!existsSync(workspace)) {
    core.push({ name: 'workspace', status: 'warn', detail: `${tildify(workspace, deps.env)} does not exist yet; \`roadmap init\` creates it` });
  } else {
    let writable = true;
    try {
      accessSync(workspace, constants.W_OK);
    } catch {
      writable = false;
    }
    core.push({ name: 'workspace', status: writable ? 'ok' : 'fail', detail: `${tildify(workspace, deps.env)}${writable ? '' : ' is not writable'}` });
  }

  const { describeServices, dockerEngine } = await import('../services/service-resolver.js');
  // One `docker info` for the tool's note and both services' choice.
  const engine = dockerEngine(deps);
  const tools = await Promise.all(
    TOOLS.map(async (t): Promise<ToolCheck> => {
      const r = await deps.runner.run(t.command, t.args, { timeoutMs: 5_000 });
      const version = r.notFound ? null : firstVersion(r.stdout || r.stderr);
      if (t.name === 'docker' && version) {
        const e = await engine;
        return { name: t.name, version, neededFor: t.neededFor, note: e.ok ? `engine ${e.version}` : 'client only: no Docker engine is running' };
      }
      return { name: t.name, version: r.notFound || (!r.ok && !version) ? null : version, neededFor: t.neededFor };
    }),
  );
  const { choices: services, reaped } = await describeServices(deps, await engine);
  return { core, tools, services, reaped, coreOk: core.every((c) => c.status !== 'fail') };
}
