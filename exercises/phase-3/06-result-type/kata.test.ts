import { describe, expect, it } from 'vitest';
import {
  ok,
  err,
  map,
  mapErr,
  andThen,
  match,
  combine,
  tryCatch,
  parseSignup,
  signupFromJson,
  type Result,
} from './kata.js';

const never = (): never => {
  throw new Error('must not be called');
};

describe('Result helpers', () => {
  it('map transforms an ok value', () => {
    expect(map(ok(2), (n) => n * 10)).toEqual(ok(20));
  });

  it('map passes an err through without calling the function', () => {
    expect(map(err('boom') as Result<number, string>, never)).toEqual(err('boom'));
  });

  it('mapErr transforms an error and passes an ok through without calling the function', () => {
    expect(mapErr(err('boom'), (e) => e.toUpperCase())).toEqual(err('BOOM'));
    expect(mapErr(ok(1) as Result<number, string>, never)).toEqual(ok(1));
  });

  it('andThen chains steps that can fail', () => {
    const half = (n: number): Result<number, string> => (n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`));
    expect(andThen(andThen(ok(8), half), half)).toEqual(ok(2));
    expect(andThen(andThen(ok(6), half), half)).toEqual(err('3 is odd'));
  });

  it('andThen stops at the first error: later steps are not called', () => {
    expect(andThen(err('first') as Result<number, string>, never)).toEqual(err('first'));
  });

  it('match picks the handler for the branch', () => {
    const describe = (r: Result<number, string>) => match(r, { ok: (v) => `value ${v}`, err: (e) => `error ${e}` });
    expect(describe(ok(1))).toBe('value 1');
    expect(describe(err('x'))).toBe('error x');
  });

  it('combine returns all values, or the first error', () => {
    expect(combine([ok(1), ok(2), ok(3)])).toEqual(ok([1, 2, 3]));
    expect(combine<number, string>([ok(1), err('a'), err('b')])).toEqual(err('a'));
    expect(combine([])).toEqual(ok([]));
  });

  it('tryCatch turns a throw into an err and a return into an ok', () => {
    expect(tryCatch(() => JSON.parse('{"a":1}'), () => 'bad')).toEqual(ok({ a: 1 }));
    expect(tryCatch(() => JSON.parse('{'), (thrown) => (thrown instanceof SyntaxError ? 'syntax' : 'other'))).toEqual(
      err('syntax'),
    );
  });
});

describe('parseSignup (accumulating validation)', () => {
  it('accepts a valid signup, normalises the e-mail and defaults the plan', () => {
    expect(parseSignup({ email: ' Ada@Example.com ', age: 36 })).toEqual(
      ok({ email: 'ada@example.com', age: 36, plan: 'free' }),
    );
    expect(parseSignup({ email: 'ada@example.com', age: 16, plan: 'pro' })).toEqual(
      ok({ email: 'ada@example.com', age: 16, plan: 'pro' }),
    );
  });

  it('reports every invalid field at once, in field order', () => {
    expect(parseSignup({ email: 'nope', age: 12, plan: 'gold' })).toEqual(
      err([
        { field: 'email', code: 'INVALID' },
        { field: 'age', code: 'OUT_OF_RANGE' },
        { field: 'plan', code: 'INVALID' },
      ]),
    );
  });

  it('reports missing required fields as REQUIRED', () => {
    expect(parseSignup({})).toEqual(
      err([
        { field: 'email', code: 'REQUIRED' },
        { field: 'age', code: 'REQUIRED' },
      ]),
    );
  });

  it.each([[36.5], ['36'], [Number.NaN]])('age %j is INVALID (not an integer)', (age) => {
    expect(parseSignup({ email: 'ada@example.com', age })).toEqual(err([{ field: 'age', code: 'INVALID' }]));
  });

  it.each([[null], ['ada@example.com'], [[1, 2]], [42]])('input %j is a (root) INVALID error', (input) => {
    expect(parseSignup(input)).toEqual(err([{ field: '(root)', code: 'INVALID' }]));
  });
});

describe('signupFromJson (fail fast)', () => {
  it('parses and validates', () => {
    expect(signupFromJson('{"email":"ada@example.com","age":36}')).toEqual(
      ok({ email: 'ada@example.com', age: 36, plan: 'free' }),
    );
  });

  it('stops at INVALID_JSON before validating', () => {
    expect(signupFromJson('{"email":')).toEqual(err({ code: 'INVALID_JSON' }));
  });

  it('returns the field errors of valid JSON with invalid fields', () => {
    expect(signupFromJson('{"email":"ada@example.com","age":200}')).toEqual(
      err([{ field: 'age', code: 'OUT_OF_RANGE' }]),
    );
  });
});
