import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cliSandbox, ROOT } from './run-cli.js';

const box = cliSandbox();
afterAll(() => box.dispose());
const PATH = process.env.PATH ?? '/usr/bin:/bin';
const env = { PATH };
const workspace = join(box.home, 'roadmap-work');

/** Processes whose command line contains `needle` (pgrep -f), other than pgrep itself. */
async function processesWith(needle: string): Promise<string> {
  return (await execa('pgrep', ['-af', needle], { reject: false })).stdout.trim();
}

/** Starts the built binary in the sandbox, for tests that interrupt it. */
function spawnRoadmap(args: readonly string[]) {
  const child = execa('node', [BIN, ...args], {
    cwd: box.home,
    reject: false,
    env: { HOME: box.home, ROADMAP_HOME: join(box.home, 'state'), NO_COLOR: '1', PATH },
    extendEnv: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  let stderr = '';
  const seen = (pattern: RegExp): Promise<string> =>
    new Promise((resolve) => {
      const check = (): void => {
        const m = stderr.match(pattern);
        if (m) resolve(m[0]);
      };
      child.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
        check();
      });
      check();
    });
  return { child, seen, stderr: () => stderr };
}

describe('roadmap verify, run and project init, as a learner runs them', () => {
  it('verify --stage 2 --json: the stages are data on stdout and a report file', { timeout: 60_000 }, async () => {
    const r = await box.run(['verify', 'phase-1', '--target', 'reference', '--stage', '2', '--json'], { env });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: string; stage: number; stages: { id: string; verdict: string }[]; criteria: unknown[]; files: { md: string; json: string } };
    expect(report.stages.map((s) => [s.id, s.verdict])).toEqual([
      ['p1.s1.fetch-one-page', 'passed'],
      ['p1.s2.follow-links', 'passed'],
    ]);
    expect(report).toMatchObject({ summary: '2 of 2 verified', stage: 2, criteria: [] });
    expect(report.files.md).toMatch(new RegExp(`^${join(workspace, 'reports', 'phase-1')}/reference-[0-9T-]+Z\\.md$`));
    expect(readFileSync(report.files.md, 'utf8')).toMatch(/^# Phase 1 — .* \(stages 1–2\): 2 of 2 verified/);
    // Piped: the progress is plain lines on stderr, never carriage-return redraws.
    expect(r.stderr).toMatch(/^measuring the machine \(calibration\)$/m);
    expect(r.stderr).not.toContain('\r');
  });

  it.each([
    [['verify', 'phase-1'], 1, /^roadmap: No phase 1 project in ~\/roadmap-work\/projects\/scraper yet: `roadmap project init phase-1` scaffolds one/],
    [['verify', 'phase-5'], 2, /^roadmap: roadmap verify phase-5: not available yet in this version \(available: phase-1, phase-2, phase-3, phase-4\)$/],
    [['verify', 'phase-x'], 2, /^roadmap: option|^roadmap: command-argument value 'phase-x' is invalid for argument 'phase'\. expected a phase number/],
    [['verify', 'phase-1', '--repeat', '0'], 2, /--repeat.*expected a number of runs from 1 to 20/],
    [['run', 'phase-1', '--target', '/nope'], 2, /^roadmap: --target \/nope: no such folder/],
  ])('%j exits %i with one line', async (args, code, message) => {
    const r = await box.run(args, { env });
    expect(r.exitCode).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('project init scaffolds the starter once; verify then asks for npm install', async () => {
    const init = await box.run(['project', 'init', 'phase-1'], { env });
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain('Created ~/roadmap-work/projects/scraper:');
    expect(init.stdout).toContain('  src/cli.ts');
    expect(readFileSync(join(workspace, 'projects', 'scraper', 'README.md'), 'utf8')).toContain('## The contract');
    const again = await box.run(['project', 'init', 'phase-1'], { env });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/already exists and is not empty/);
    const verify = await box.run(['verify', 'phase-1'], { env });
    expect(verify.exitCode).toBe(1);
    expect(verify.stderr.trim()).toBe('roadmap: ~/roadmap-work/projects/scraper: its dependencies are not installed: run `npm install` there first.');
  });

  it('run --site-only serves the test site until Ctrl-C, then stops cleanly', { timeout: 30_000 }, async () => {
    const r = spawnRoadmap(['run', 'phase-1', '--site-only', '--pages', '50']);
    const url = (await r.seen(/http:\/\/127\.0\.0\.1:\d+\/docs\/p\/0/)).trim();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Page 0 — Fixture Docs</title>');
    await r.seen(/serving until Ctrl-C/);
    r.child.kill('SIGINT');
    const done = await r.child;
    // Every interrupt ends the same way: what was started is stopped, one line, 130.
    expect(done.exitCode).toBe(130);
    expect(r.stderr()).toMatch(/^1 request served$/m);
    expect(r.stderr()).toMatch(/^roadmap: stopped \(Ctrl-C\)$/m);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('Ctrl-C during run stops the crawl: exit 130, whole NDJSON lines, no scraper left behind', { timeout: 60_000 }, async () => {
    const out = join(workspace, 'runs', 'phase-1', 'pages.ndjson');
    const r = spawnRoadmap(['run', 'phase-1', '--target', 'reference', '--pages', '20000']);
    await r.seen(/crawling with node bin\/scraper\.js/);
    // Let it write a good part of the crawl first.
    for (let i = 0; i < 100 && !(existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 500); i++) await new Promise((res) => setTimeout(res, 50));
    r.child.kill('SIGINT');
    const done = await r.child;
    expect(done.exitCode).toBe(130);
    expect(r.stderr()).toMatch(/^interrupted: \d+ pages in/m);
    expect(r.stderr()).toContain(`output so far: ${out}`);
    expect(r.stderr().split('\n').filter((l) => l.startsWith('roadmap: '))).toEqual(['roadmap: stopped (Ctrl-C)']);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(500);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('url');
    expect(await processesWith(out)).toBe('');
  });
});

describe('a full-size verify of the learner’s own passing project', () => {
  it('records both criteria as verified, and `roadmap status` counts them', { timeout: 90_000 }, async () => {
    const mine = join(box.home, 'my-scraper');
    // A learner whose scraper is the reference's crawl with steady self-reported progress (the steady-scraper
    // fixture), so the pass does not hang on the machine's load; its timing is not what this test is about.
    mkdirSync(mine);
    const steady = join(ROOT, 'src', 'verify', 'fixtures', 'steady-scraper', 'steady.mjs');
    writeFileSync(join(mine, 'roadmap.project.json'), JSON.stringify({ name: 'scraper', phases: [1], command: ['node', steady, join(ROOT, 'projects', 'scraper', 'bin', 'scraper.js')] }));
    const byPath = await box.run(['verify', 'phase-1', '--target', join(ROOT, 'projects', 'scraper'), '--stage', '1', '--json'], { env });
    expect(JSON.parse(byPath.stdout)).toMatchObject({ target: { kind: 'reference' } });
    const r = await box.run(['verify', 'phase-1', '--target', mine], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/✓ CLI handles 10 k requests without blocking p1\.ac\.10k-requests/);
    expect(r.stdout).toContain('Recorded: `roadmap status` shows your verified criteria and stages.');
    const status = JSON.parse((await box.run(['status', '--json'], { env })).stdout) as { phases: { number: number; criteria: { verified: number; total: number } }[] };
    expect(status.phases.find((p) => p.number === 1)!.criteria).toEqual({ verified: 2, total: 2 });
  });
});

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The databases on the machine's server whose name starts with `prefix`. */
async function databasesLike(prefix: string): Promise<string[]> {
  const r = await execa('psql', [DATABASE_URL, '-Atc', `select datname from pg_database where datname like '${prefix}%' order by 1`], { reject: false });
  return r.stdout.trim() ? r.stdout.trim().split('\n') : [];
}

/** What a child has written on stderr so far, once it has said something. */
function stderrSoFar(child: ReturnType<typeof execa>): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    child.stderr!.on('data', (b: Buffer) => {
      text += b.toString();
      if (/dropped when this run ends/.test(text)) resolve(text);
    });
  });
}

/** Files and folders left in a private TMPDIR, but for the reaper's own (empty) registry folder. */
async function leftIn(tmp: string): Promise<string[]> {
  const r = await execa('find', [tmp, '-mindepth', '1', '-not', '-type', 'd'], { reject: false });
  const dirs = await execa('find', [tmp, '-mindepth', '1', '-type', 'd', '-not', '-path', `${tmp}/roadmap-reaper*`], { reject: false });
  return [...r.stdout.split('\n'), ...dirs.stdout.split('\n')].filter(Boolean).map((p) => p.slice(tmp.length + 1));
}

describe('verify phase-2 leaves nothing behind', () => {
  /** The databases a roadmap home has registered as its own (src/verify/kit/database-registry.ts). */
  function registered(home: string): string[] {
    const dir = join(home, 'state', 'run', 'databases');
    return existsSync(dir) ? readdirSync(dir).map((f) => f.replace(/\.json$/, '')) : [];
  }

  async function existing(names: readonly string[]): Promise<string[]> {
    const all = new Set(await databasesLike('roadmap_'));
    return names.filter((n) => all.has(n));
  }

  /** roadmap in a sandbox of its own: a private TMPDIR, the machine's Postgres and Redis. */
  function roadmapIn(box2: ReturnType<typeof cliSandbox>, tmp: string, args: readonly string[]) {
    return execa('node', [BIN, ...args], {
      cwd: box2.home,
      reject: false,
      env: { HOME: box2.home, ROADMAP_HOME: join(box2.home, 'state'), NO_COLOR: '1', PATH, TMPDIR: tmp, DATABASE_URL, REDIS_URL },
      extendEnv: false,
      stdin: 'ignore',
      timeout: 120_000,
      // The test sends the signals: execa must not follow a SIGTERM with its own SIGKILL while roadmap cleans up.
      forceKillAfterDelay: false,
    });
  }

  /** verify phase-2 of the reference, and a promise of the moment it holds a database of its own. */
  function verifyPhase2(box2: ReturnType<typeof cliSandbox>, tmp: string) {
    const child = roadmapIn(box2, tmp, ['verify', 'phase-2', '--target', 'reference', '--pages', '100', '--load-seconds', '20']);
    // Piped, progress is printed every 5 s at most: wait for what the run does instead, a database of its own.
    const loading = (async () => {
      for (;;) {
        const mine = await existing(registered(box2.home));
        if (mine.length > 0) return mine;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { child, loading };
  }

  async function withSandbox(body: (box2: ReturnType<typeof cliSandbox>, tmp: string) => Promise<void>): Promise<void> {
    const box2 = cliSandbox();
    const tmp = join(box2.home, 'tmp');
    mkdirSync(tmp);
    try {
      await body(box2, tmp);
    } finally {
      box2.dispose();
    }
  }

  it.each([
    ['SIGINT', 130, 'roadmap: stopped (Ctrl-C)'],
    ['SIGTERM', 143, 'roadmap: stopped (SIGTERM)'],
  ] as const)('%s in the middle of the checks: exit %i, its databases dropped and its folders removed', { timeout: 150_000 }, (signal, code, line) =>
    withSandbox(async (box2, tmp) => {
      const { child, loading } = verifyPhase2(box2, tmp);
      const mine = await loading;
      child.kill(signal);
      const done = await child;
      expect(done.exitCode).toBe(code);
      expect(String(done.stderr).trim().split('\n').at(-1)).toBe(line);
      expect(await existing(mine)).toEqual([]);
      expect(registered(box2.home)).toEqual([]);
      expect(await leftIn(tmp)).toEqual([]);
    }),
  );

  it('after a SIGKILL, the next verify reaps the databases and folders the killed one left', { timeout: 150_000 }, () =>
    withSandbox(async (box2, tmp) => {
      const { child, loading } = verifyPhase2(box2, tmp);
      const mine = await loading;
      child.kill('SIGKILL');
      await child;
      expect(await existing(mine)).toEqual(mine);
      expect(readdirSync(tmp).some((f) => /^roadmap-(verify|check)-\d+-/.test(f))).toBe(true);
      // The next start (a stage that needs no services) reaps what the killed one left.
      const next = await roadmapIn(box2, tmp, ['verify', 'phase-1', '--target', 'reference', '--stage', '1']);
      expect(next.exitCode).toBe(0);
      expect(await existing(mine)).toEqual([]);
      expect(registered(box2.home)).toEqual([]);
      expect(await leftIn(tmp)).toEqual([]);
    }),
  );
});

describe('roadmap run phase-2', () => {
  it('starts the services, imports a crawl, serves the API until Ctrl-C, then leaves nothing running', { timeout: 90_000 }, async () => {
    const box2 = cliSandbox();
    try {
      const child = execa('node', [BIN, 'run', 'phase-2', '--pages', '200'], {
        cwd: box2.home,
        reject: false,
        env: {
          HOME: box2.home,
          ROADMAP_HOME: join(box2.home, 'state'),
          NO_COLOR: '1',
          PATH,
          DATABASE_URL,
          REDIS_URL,
        },
        extendEnv: false,
        stdin: 'ignore',
        timeout: 80_000,
      });
      const said = stderrSoFar(child);
      const url = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = out.match(/^http:\/\/127\.0\.0\.1:\d+$/m);
          if (m) resolve(m[0]);
        });
      });
      const page = (await (await fetch(`${url}/documents?limit=2`)).json()) as { items: { id: number; title: string }[] };
      expect(page.items).toHaveLength(2);
      const doc = (await (await fetch(`${url}/documents/${page.items[0]!.id}`)).json()) as { title: string };
      expect(doc.title).toMatch(/ — Fixture Docs$/);
      const database = /database (roadmap_run_[0-9a-f]+), dropped when this run ends/.exec(await said)![1]!;
      expect(await databasesLike(database)).toEqual([database]);
      child.kill('SIGINT');
      const done = await child;
      expect(done.exitCode).toBe(130);
      expect(String(done.stderr)).toContain('docs API listening');
      expect(String(done.stderr).trim().split('\n').at(-1)).toBe('roadmap: stopped (Ctrl-C)');
      await expect(fetch(url)).rejects.toThrow();
      expect(await databasesLike(database)).toEqual([]);
    } finally {
      box2.dispose();
    }
  });
});

describe('today on a Saturday', () => {
  it('points at the mini-project commands of a phase that has a verifier, and not of one that has none', async () => {
    const sat = await box.run(['today', '--date', '2025-06-14']);
    expect(sat.stdout).toContain('Stage 1: Fetch the start page and write it as one NDJSON record p1.s1.fetch-one-page');
    expect(sat.stdout).toMatch(/roadmap verify phase-1 --stage 1 +stage 1: Fetch the start page and write it as one NDJSON record \(first: roadmap project init phase-1\)/);
    const phase5 = await box.run(['today', '--date', '2025-09-20']);
    expect(phase5.stdout).toMatch(/Phase 5 — /);
    expect(phase5.stdout).not.toContain('roadmap verify phase-5');
  });
});
