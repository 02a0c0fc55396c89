export interface User {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

// Ports: owned by the application, implemented by adapters (Postgres, bcrypt/scrypt, SMTP, ...).
export interface UserRepository {
  findByEmail(email: string): Promise<User | null>;
  save(user: User): Promise<void>;
}
export interface PasswordHasher {
  hash(plain: string): Promise<string>;
}
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  next(): string;
}
export interface Mailer {
  sendWelcome(to: string, name: string): Promise<void>;
}

export interface RegisterUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  mailer: Mailer;
}

export interface RegisterUserInput {
  email: string;
  name: string;
  password: string;
}

export type RegisterUserResult =
  | { ok: true; userId: string }
  | { ok: false; error: 'INVALID_EMAIL' | 'WEAK_PASSWORD' | 'EMAIL_TAKEN' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD_LENGTH = 12; // length beats composition rules; see the OWASP Authentication Cheat Sheet

/**
 * Builds the "register user" use case. It imports no infrastructure: every effect (storage, time,
 * ids, hashing, mail) goes through a port in `deps`, which the composition root wires to adapters
 * and tests wire to fakes.
 */
export function makeRegisterUser(deps: RegisterUserDeps): (input: RegisterUserInput) => Promise<RegisterUserResult> {
  const { users, hasher, clock, ids, mailer } = deps;

  return async (input) => {
    // Cheap, pure checks first: an invalid request must not cost a hash or a query.
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) return { ok: false, error: 'INVALID_EMAIL' };
    if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, error: 'WEAK_PASSWORD' };

    if (await users.findByEmail(email)) return { ok: false, error: 'EMAIL_TAKEN' };

    const user: User = {
      id: ids.next(),
      email,
      name: input.name,
      passwordHash: await hasher.hash(input.password),
      createdAt: clock.now(),
    };
    await users.save(user);

    // After the save: never welcome someone who was not registered. Best effort: the user exists
    // now, so a mail outage must not report failure (a real system would use an outbox and retry).
    try {
      await mailer.sendWelcome(email, user.name);
    } catch {
      // log and move on
    }
    return { ok: true, userId: user.id };
  };
}
