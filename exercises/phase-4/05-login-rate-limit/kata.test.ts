import { beforeEach, describe, expect, it } from 'vitest';
import { makeLogin, DUMMY_HASH, type AttemptStore, type LoginDeps } from './kata.js';

let nowMs = 0;

/** A Redis-like fixed-window counter on a fake clock. */
class FakeAttemptStore implements AttemptStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private live(key: string) {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > nowMs ? entry : undefined;
  }
  async get(key: string) {
    const entry = this.live(key);
    return entry ? { count: entry.count, ttlSeconds: Math.ceil((entry.expiresAt - nowMs) / 1000) } : { count: 0, ttlSeconds: 0 };
  }
  async increment(key: string, windowSeconds: number) {
    const entry = this.live(key) ?? { count: 0, expiresAt: nowMs + windowSeconds * 1000 };
    entry.count++;
    this.entries.set(key, entry);
    return entry.count;
  }
  async reset(key: string) {
    this.entries.delete(key);
  }
}

let verifyCalls: string[];
let deps: LoginDeps;
let login: ReturnType<typeof makeLogin>;

beforeEach(() => {
  nowMs = 0;
  verifyCalls = [];
  deps = {
    users: {
      async findByUsername(username) {
        return username === 'ada' ? { id: 'u-1', passwordHash: 'hash-of(lovelace-1843)' } : null;
      },
    },
    passwords: {
      async verify(password, hash) {
        verifyCalls.push(hash);
        return hash === `hash-of(${password})`;
      },
    },
    attempts: new FakeAttemptStore(),
  };
  login = makeLogin(deps, { maxFailures: 5, windowSeconds: 900 });
});

const right = { username: 'ada', password: 'lovelace-1843', ip: '203.0.113.7' };
const wrong = { ...right, password: 'guess' };

describe('login', () => {
  it('logs in with the right password', async () => {
    await expect(login(right)).resolves.toEqual({ ok: true, userId: 'u-1' });
  });

  it('answers a wrong password and an unknown user identically, and verifies a password in both cases', async () => {
    const wrongPassword = await login(wrong);
    const unknownUser = await login({ ...right, username: 'nobody' });
    expect(wrongPassword).toEqual({ ok: false, error: 'INVALID_CREDENTIALS' });
    expect(unknownUser).toEqual(wrongPassword);
    expect(verifyCalls).toEqual(['hash-of(lovelace-1843)', DUMMY_HASH]);
  });

  it('after 5 failures the 6th attempt is refused — even with the right password, and without a verify', async () => {
    for (let i = 0; i < 5; i++) await login(wrong);
    nowMs += 60_000;
    verifyCalls = [];
    await expect(login(right)).resolves.toEqual({ ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 840 });
    expect(verifyCalls).toEqual([]);
  });

  it('lets the user in again once the window has passed', async () => {
    for (let i = 0; i < 5; i++) await login(wrong);
    nowMs += 901_000;
    await expect(login(right)).resolves.toEqual({ ok: true, userId: 'u-1' });
  });

  it('a successful login resets the failures', async () => {
    for (let i = 0; i < 4; i++) await login(wrong);
    await login(right);
    for (let i = 0; i < 4; i++) await login(wrong);
    await expect(login(right)).resolves.toEqual({ ok: true, userId: 'u-1' });
  });

  it("'Ada', ' ADA ' and 'ada' share one budget (no bypass by changing case)", async () => {
    for (const username of ['Ada', ' ADA ', 'ada', 'aDa', 'ADA']) await login({ ...wrong, username });
    await expect(login(right)).resolves.toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' });
  });

  it('unknown usernames are limited too', async () => {
    const ghost = { ...wrong, username: 'ghost' };
    for (let i = 0; i < 5; i++) await login(ghost);
    await expect(login(ghost)).resolves.toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' });
  });

  it('failures from one IP do not lock the user out on another IP', async () => {
    for (let i = 0; i < 5; i++) await login(wrong);
    await expect(login({ ...right, ip: '198.51.100.23' })).resolves.toEqual({ ok: true, userId: 'u-1' });
  });
});
