import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoadmapError, UsageError } from '../errors.js';
import { createTestDeps, stubRunner, type TestDeps } from '../system/test-deps.js';
import { resolveDate } from './dates.js';
import { runDoctor } from './doctor.js';
import { spendFreeze } from './freeze.js';
import { initProfile } from './init.js';
import { replan } from './replan.js';
import { pauseSession, startSession, stopSession } from './session.js';
import { getStatus } from './status.js';
import { listTasks, setTaskChecked } from './tasks.js';
import { getToday } from './today.js';

let deps: TestDeps;
beforeEach(() => {
  deps = createTestDeps({ now: '2025-06-12T09:00:00' });
});
afterEach(() => deps.dispose());

describe('init', () => {
  it('creates the profile and workspace, is idempotent, and refuses other settings without --force', async () => {
    const first = await initProfile(deps, { start: '2026-01-05' }, '2025-06-12');
    expect(first).toMatchObject({ outcome: 'created', planStart: '2026-01-05' });
    expect(existsSync(first.profile.workspace)).toBe(true);
    expect((await initProfile(deps, { start: '2026-01-05' }, '2025-06-12')).outcome).toBe('unchanged');
    await expect(initProfile(deps, { start: '2026-02-02' }, '2025-06-12')).rejects.toThrow(/already exists .*--force/);
    const forced = await initProfile(deps, { start: '2026-02-02', minutes: 45, force: true }, '2025-06-12');
    expect(forced).toMatchObject({ outcome: 'updated', planStart: '2026-02-02', profile: { minutesTarget: 45 } });
  });

  it('keeps each phase’s study days when re-anchored', async () => {
    const r = await initProfile(deps, { start: '2026-03-02', workspace: join(deps.paths.home, 'ws') }, '2025-06-12');
    expect(r.phases.map((p) => p.studyDays)).toEqual([24, 20, 24, 16, 20, 24, 28, 12, 6]);
    expect(r.phases[0]!.start).toBe('2026-03-02');
  });

  it.each([
    ['a Wednesday', '2026-12-02', '2026-12-07'],
    ['a Monday', '2026-12-07', '2026-12-07'],
    ['a Sunday', '2026-12-06', '2026-12-07'],
  ])('without --start, on %s, starts the plan on the coming Monday and keeps it on a rerun', async (_name, today, monday) => {
    const r = await initProfile(deps, {}, today);
    expect(r).toMatchObject({ outcome: 'created', defaultStart: true, planStart: monday, profile: { startDate: monday } });
    expect(await initProfile(deps, {}, today)).toMatchObject({ outcome: 'unchanged', defaultStart: false, planStart: monday });
  });

  it('rejects a daily target outside 5–240 minutes as a usage error', async () => {
    await expect(initProfile(deps, { minutes: 2 }, '2025-06-12')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('a study day', () => {
  it('times the session, survives pauses, completes the day and starts the streak', async () => {
    await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
    expect((await startSession(deps, '2025-06-12')).outcome).toBe('started');
    deps.setNow('2025-06-12T09:10:00');
    await pauseSession(deps);
    await expect(pauseSession(deps)).rejects.toThrow(/already paused/);
    deps.setNow('2025-06-12T09:30:00');
    expect((await startSession(deps, '2025-06-12')).outcome).toBe('resumed');
    deps.setNow('2025-06-12T09:45:00');
    let today = await getToday(deps, '2025-06-12');
    expect(today).toMatchObject({ minutesDone: 25, minutesLeft: 5, session: { state: 'running' } });
    deps.setNow('2025-06-12T09:50:00');
    const stopped = await stopSession(deps);
    expect(stopped).toMatchObject({ minutes: 30, dayCompleted: true });
    today = await getToday(deps, '2025-06-12');
    expect(today).toMatchObject({ minutesDone: 30, minutesLeft: 0, session: null, streak: { current: 1 } });
    await expect(stopSession(deps)).rejects.toThrow(/no session is running/);
  });

  it('spends freezes on missed days, two a month, never on Sundays or the future', async () => {
    await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
    deps.setNow('2025-06-20T09:00:00');
    await expect(spendFreeze(deps, '2025-06-21', '2025-06-20')).rejects.toBeInstanceOf(UsageError);
    await expect(spendFreeze(deps, '2025-06-15', '2025-06-20')).rejects.toThrow(/Sunday/);
    expect(await spendFreeze(deps, '2025-06-13', '2025-06-20')).toMatchObject({ usedThisMonth: 1, perMonth: 2 });
    await expect(spendFreeze(deps, '2025-06-13', '2025-06-20')).rejects.toThrow(/already frozen/);
    await spendFreeze(deps, '2025-06-14', '2025-06-20');
    await expect(spendFreeze(deps, '2025-06-16', '2025-06-20')).rejects.toThrow(/no streak freezes left for 2025-06: 2 of 2 used/);
  });

  it('replans past the backlog and shows it in status', async () => {
    await initProfile(deps, { start: '2025-06-12' }, '2025-06-12');
    deps.setNow('2025-06-17T09:00:00');
    expect((await getStatus(deps, '2025-06-17')).backlog.days).toBe(4);
    const dry = await replan(deps, '2025-06-17', true);
    expect(dry).toMatchObject({ applied: false, oldEnd: '2025-12-31', newEnd: '2026-01-05' });
    expect((await getStatus(deps, '2025-06-17')).backlog.days).toBe(4);
    expect((await replan(deps, '2025-06-17', false)).applied).toBe(true);
    const after = await getStatus(deps, '2025-06-17');
    expect(after).toMatchObject({ backlog: { days: 0 }, plannedEnd: '2026-01-05' });
  });
});

describe('tasks', () => {
  it('checks and unchecks known tasks and counts them in status', async () => {
    expect((await setTaskChecked(deps, 'p2.redis-cache', true)).changed).toBe(true);
    expect((await setTaskChecked(deps, 'p2.redis-cache', true)).changed).toBe(false);
    expect((await listTasks(deps, 2)).find((t) => t.id === 'p2.redis-cache')?.checked).toBe(true);
    expect((await getStatus(deps, '2025-06-12')).phases[1]!.tasks).toEqual({ checked: 1, total: 4 });
    expect((await setTaskChecked(deps, 'p2.redis-cache', false)).changed).toBe(true);
  });

  it('rejects an unknown task with a suggestion, and an unknown phase with the range', async () => {
    await expect(setTaskChecked(deps, 'p2.redis-cach', true)).rejects.toThrow('did you mean p2.redis-cache?');
    await expect(listTasks(deps, 12)).rejects.toThrow('unknown phase 12: phases are 1–9');
  });
});

describe('dates and doctor', () => {
  it('resolves --date words and rejects malformed dates as usage errors', () => {
    expect(resolveDate(deps, undefined)).toBe('2025-06-12');
    expect(resolveDate(deps, 'yesterday')).toBe('2025-06-11');
    expect(() => resolveDate(deps, '2025-02-30')).toThrow(UsageError);
  });

  it('reports core checks and each tool as found or missing', async () => {
    const d = createTestDeps({
      runner: stubRunner({
        'git --version': { stdout: 'git version 2.39.5' },
        'docker --version': { stdout: 'Docker version 28.2.2, build e6534b4' },
        'docker info --format {{.ServerVersion}}': { exitCode: 1 },
        go: { notFound: true },
        psql: { notFound: true },
        pg_dump: { notFound: true },
        'redis-server': { stdout: 'Redis server v=7.0.15 sha=0' },
        k6: { notFound: true },
        kind: { notFound: true },
        kubectl: { notFound: true },
        terraform: { notFound: true },
        ollama: { notFound: true },
        chromium: { notFound: true },
        tmux: { stdout: 'tmux 3.3a' },
      }),
    });
    const r = await runDoctor(d);
    expect(r.coreOk).toBe(true);
    expect(r.core.map((c) => c.name)).toEqual(['node', 'store', 'plan', 'workspace']);
    const tool = (n: string) => r.tools.find((t) => t.name === n);
    expect(tool('git')?.version).toBe('2.39.5');
    expect(tool('redis-server')?.version).toBe('7.0.15');
    expect(tool('docker')).toMatchObject({ version: '28.2.2', note: 'client only: no Docker engine is running' });
    expect(tool('go')?.version).toBeNull();
    await d.dispose();
  });
});

it('RoadmapError defaults to a user error', () => {
  expect(new RoadmapError('x').kind).toBe('user');
});
