export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

// Each helper works on one track and hands the other track through untouched: that is what lets a
// chain of steps skip everything after the first error without a single if at the call site.

export function map<T, U, E>(result: Result<T, E>, fn: (value: T) => U): Result<U, E> {
  return result.ok ? ok(fn(result.value)) : result;
}

export function mapErr<T, E, F>(result: Result<T, E>, fn: (error: E) => F): Result<T, F> {
  return result.ok ? result : err(fn(result.error));
}

export function andThen<T, U, E, F>(result: Result<T, E>, fn: (value: T) => Result<U, F>): Result<U, E | F> {
  return result.ok ? fn(result.value) : result;
}

export function match<T, E, R>(result: Result<T, E>, handlers: { ok: (value: T) => R; err: (error: E) => R }): R {
  return result.ok ? handlers.ok(result.value) : handlers.err(result.error);
}

/** All values, or the first error. */
export function combine<T, E>(results: readonly Result<T, E>[]): Result<T[], E> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}

/** Runs `fn`; a throw becomes err(onThrow(thrown)). */
export function tryCatch<T, E>(fn: () => T, onThrow: (thrown: unknown) => E): Result<T, E> {
  try {
    return ok(fn());
  } catch (thrown) {
    return err(onThrow(thrown));
  }
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLANS = ['free', 'pro'] as const;

export function parseSignup(input: unknown): Result<Signup, FieldError[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([{ field: '(root)', code: 'INVALID' }]);
  }
  const data = input as Record<string, unknown>;
  // Accumulate: the fields are independent, so check them all and report everything at once.
  const errors: FieldError[] = [];

  let email = '';
  if (data.email === undefined) errors.push({ field: 'email', code: 'REQUIRED' });
  else if (typeof data.email !== 'string' || !EMAIL.test(data.email.trim())) errors.push({ field: 'email', code: 'INVALID' });
  else email = data.email.trim().toLowerCase();

  let age = 0;
  if (data.age === undefined) errors.push({ field: 'age', code: 'REQUIRED' });
  else if (typeof data.age !== 'number' || !Number.isInteger(data.age)) errors.push({ field: 'age', code: 'INVALID' });
  else if (data.age < 16 || data.age > 120) errors.push({ field: 'age', code: 'OUT_OF_RANGE' });
  else age = data.age;

  let plan: Signup['plan'] = 'free';
  if (data.plan !== undefined) {
    const found = PLANS.find((p) => p === data.plan);
    if (found) plan = found;
    else errors.push({ field: 'plan', code: 'INVALID' });
  }

  return errors.length > 0 ? err(errors) : ok({ email, age, plan });
}

export function signupFromJson(text: string): Result<Signup, FieldError[] | { code: 'INVALID_JSON' }> {
  // Fail fast: validation needs the parsed value, so a parse error ends the chain.
  const parsed = tryCatch(
    (): unknown => JSON.parse(text),
    () => ({ code: 'INVALID_JSON' as const }),
  );
  return andThen(parsed, parseSignup);
}
