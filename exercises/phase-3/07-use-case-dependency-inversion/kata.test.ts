import { beforeEach, describe, expect, it } from 'vitest';
import { makeRegisterUser, type RegisterUserDeps, type User } from './kata.js';

/** Fakes for every port; `calls` records the order of side effects. */
function fakes() {
  const calls: string[] = [];
  const saved = new Map<string, User>();
  let nextId = 0;
  const deps: RegisterUserDeps = {
    users: {
      async findByEmail(email) {
        calls.push(`users.findByEmail ${email}`);
        return [...saved.values()].find((u) => u.email === email) ?? null;
      },
      async save(user) {
        calls.push(`users.save ${user.id}`);
        saved.set(user.id, { ...user });
      },
    },
    hasher: {
      async hash(plain) {
        calls.push('hasher.hash');
        return `hashed(${plain.length})`;
      },
    },
    clock: { now: () => new Date('2025-08-20T09:30:00.000Z') },
    ids: { next: () => `user-${++nextId}` },
    mailer: {
      async sendWelcome(to, name) {
        calls.push(`mailer.sendWelcome ${to} ${name}`);
      },
    },
  };
  return { deps, calls, saved };
}

let f: ReturnType<typeof fakes>;
beforeEach(() => {
  f = fakes();
});

const input = { email: '  Ada@Example.COM ', name: 'Ada', password: 'correct horse battery' };

describe('registerUser', () => {
  it('registers with the injected id, clock and hasher, and a normalised e-mail', async () => {
    const registerUser = makeRegisterUser(f.deps);
    await expect(registerUser(input)).resolves.toEqual({ ok: true, userId: 'user-1' });
    expect(f.saved.get('user-1')).toEqual({
      id: 'user-1',
      email: 'ada@example.com',
      name: 'Ada',
      passwordHash: 'hashed(21)',
      createdAt: new Date('2025-08-20T09:30:00.000Z'),
    });
  });

  it('never stores the plain password', async () => {
    await makeRegisterUser(f.deps)(input);
    expect(JSON.stringify([...f.saved.values()])).not.toContain(input.password);
  });

  it('saves first, then sends the welcome mail', async () => {
    await makeRegisterUser(f.deps)(input);
    expect(f.calls).toEqual([
      'users.findByEmail ada@example.com',
      'hasher.hash',
      'users.save user-1',
      'mailer.sendWelcome ada@example.com Ada',
    ]);
  });

  it('returns EMAIL_TAKEN for an existing e-mail (any case) and saves or mails nothing', async () => {
    const registerUser = makeRegisterUser(f.deps);
    await registerUser(input);
    f.calls.length = 0;
    await expect(registerUser({ ...input, email: 'ADA@example.com', name: 'Other' })).resolves.toEqual({
      ok: false,
      error: 'EMAIL_TAKEN',
    });
    expect(f.calls).toEqual(['users.findByEmail ada@example.com']);
  });

  it.each(['not-an-email', 'ada@', '@example.com', 'ada@example', 'a b@example.com', ''])(
    'returns INVALID_EMAIL for %j without calling any port',
    async (email) => {
      await expect(makeRegisterUser(f.deps)({ ...input, email })).resolves.toEqual({ ok: false, error: 'INVALID_EMAIL' });
      expect(f.calls).toEqual([]);
    },
  );

  it('returns WEAK_PASSWORD for fewer than 12 characters without calling any port', async () => {
    await expect(makeRegisterUser(f.deps)({ ...input, password: 'short pass!' })).resolves.toEqual({
      ok: false,
      error: 'WEAK_PASSWORD',
    });
    expect(f.calls).toEqual([]);
  });

  it('a failing mailer does not fail the registration', async () => {
    f.deps.mailer.sendWelcome = async () => {
      throw new Error('SMTP down');
    };
    await expect(makeRegisterUser(f.deps)(input)).resolves.toEqual({ ok: true, userId: 'user-1' });
    expect(f.saved.has('user-1')).toBe(true);
  });

  it('two use cases with different deps share no state', async () => {
    const other = fakes();
    await expect(makeRegisterUser(f.deps)(input)).resolves.toMatchObject({ ok: true });
    await expect(makeRegisterUser(other.deps)(input)).resolves.toMatchObject({ ok: true });
    expect(other.saved.size).toBe(1);
  });
});
