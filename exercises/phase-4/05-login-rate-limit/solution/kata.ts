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
  const invalid: LoginResult = { ok: false, error: 'INVALID_CREDENTIALS' };

  return async ({ username, password, ip }) => {
    // One budget per person, whatever the spelling; per IP, so a stranger cannot lock the user out.
    const name = username.trim().toLowerCase();
    const key = `login:${name}:${ip}`;

    // Limit first: while locked, never look at the password (no oracle, no expensive hash for free).
    const { count, ttlSeconds } = await deps.attempts.get(key);
    if (count >= policy.maxFailures) return { ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: ttlSeconds };

    // Same work and same answer whether or not the user exists: a missing verify makes unknown users
    // measurably faster, which enumerates accounts as well as a different message would.
    const user = await deps.users.findByUsername(name);
    const valid = await deps.passwords.verify(password, user?.passwordHash ?? DUMMY_HASH);

    if (!user || !valid) {
      await deps.attempts.increment(key, policy.windowSeconds);
      return invalid;
    }
    await deps.attempts.reset(key); // only failures count
    return { ok: true, userId: user.id };
  };
}
