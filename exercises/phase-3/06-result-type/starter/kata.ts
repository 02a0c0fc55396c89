export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export function map<T, U, E>(result: Result<T, E>, fn: (value: T) => U): Result<U, E> {
  void result;
  void fn;
  throw new Error('TODO: implement map');
}

export function mapErr<T, E, F>(result: Result<T, E>, fn: (error: E) => F): Result<T, F> {
  void result;
  void fn;
  throw new Error('TODO: implement mapErr');
}

export function andThen<T, U, E, F>(result: Result<T, E>, fn: (value: T) => Result<U, F>): Result<U, E | F> {
  void result;
  void fn;
  throw new Error('TODO: implement andThen');
}

export function match<T, E, R>(result: Result<T, E>, handlers: { ok: (value: T) => R; err: (error: E) => R }): R {
  void result;
  void handlers;
  throw new Error('TODO: implement match');
}

/** All values, or the first error. */
export function combine<T, E>(results: readonly Result<T, E>[]): Result<T[], E> {
  void results;
  throw new Error('TODO: implement combine');
}

/** Runs `fn`; a throw becomes err(onThrow(thrown)). */
export function tryCatch<T, E>(fn: () => T, onThrow: (thrown: unknown) => E): Result<T, E> {
  void fn;
  void onThrow;
  throw new Error('TODO: implement tryCatch');
}

export interface Signup {
  email: string;
  age: number;
  plan: 'free' | 'pro';
}

export interface FieldError {
  field: 'email' | 'age' | 'plan' | '(root)';
  code: 'REQUIRED' | 'INVALID' | 'OUT_OF_RANGE';
}

export function parseSignup(input: unknown): Result<Signup, FieldError[]> {
  // TODO: fail-fast validation — the user fixes one field, submits, and gets the next error.
  const data = input as Record<string, unknown>;
  if (typeof data.email !== 'string' || !data.email.includes('@')) return err([{ field: 'email', code: 'INVALID' }]);
  if (typeof data.age !== 'number') return err([{ field: 'age', code: 'INVALID' }]);
  return ok({ email: data.email, age: data.age, plan: data.plan === 'pro' ? 'pro' : 'free' });
}

export function signupFromJson(text: string): Result<Signup, FieldError[] | { code: 'INVALID_JSON' }> {
  void text;
  throw new Error('TODO: implement signupFromJson with tryCatch and andThen');
}
