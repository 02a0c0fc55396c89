/** A fixed-window failure counter, shaped like Redis (INCR + EXPIRE NX, TTL, DEL). */
export interface AttemptStore {
  /** Failures in the current window, and seconds until the window ends (0 when there is none). */
  get(key: string): Promise<{ count: number; ttlSeconds: number }>;
  /** Adds one failure; the first failure starts a window of `windowSeconds`. Returns the new count. */
  increment(key: string, windowSeconds: number): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface LoginDeps {
  users: { findByUsername(username: string): Promise<{ id: string; passwordHash: string } | null> };
  passwords: { verify(password: string, passwordHash: string): Promise<boolean> };
  attempts: AttemptStore;
}

export interface LoginPolicy {
  maxFailures: number;
  windowSeconds: number;
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; error: 'INVALID_CREDENTIALS' }
  | { ok: false; error: 'TOO_MANY_ATTEMPTS'; retryAfterSeconds: number };

/** A well-formed hash of a random password nobody knows: verified against when the user does not exist. */
export const DUMMY_HASH = 'hash-of(dummy-7c1f0e0b-never-matches)';

export function makeLogin(
  deps: LoginDeps,
  policy: LoginPolicy,
): (input: { username: string; password: string; ip: string }) => Promise<LoginResult> {
  // TODO: it limits something — find the holes.
  return async ({ username, password }) => {
    const user = await deps.users.findByUsername(username);
    if (!user) return { ok: false, error: 'INVALID_CREDENTIALS' };
    if (await deps.passwords.verify(password, user.passwordHash)) return { ok: true, userId: user.id };
    const failures = await deps.attempts.increment(`login:${username}`, policy.windowSeconds);
    if (failures > policy.maxFailures) {
      const { ttlSeconds } = await deps.attempts.get(`login:${username}`);
      return { ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: ttlSeconds };
    }
    return { ok: false, error: 'INVALID_CREDENTIALS' };
  };
}
