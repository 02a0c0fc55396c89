import { createHash, randomUUID } from 'node:crypto';

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

// TODO: it works, but it ignores `deps` and reaches for concrete details everywhere.
const usersByEmail = new Map<string, User>();

export function makeRegisterUser(deps: RegisterUserDeps): (input: RegisterUserInput) => Promise<RegisterUserResult> {
  void deps;
  return async (input) => {
    if (!input.email.includes('@')) return { ok: false, error: 'INVALID_EMAIL' };
    if (usersByEmail.has(input.email)) return { ok: false, error: 'EMAIL_TAKEN' };
    const user: User = {
      id: randomUUID(),
      email: input.email,
      name: input.name,
      passwordHash: createHash('sha256').update(input.password).digest('hex'),
      createdAt: new Date(),
    };
    usersByEmail.set(user.email, user);
    console.log(`welcome mail to ${user.email}`);
    return { ok: true, userId: user.id };
  };
}
