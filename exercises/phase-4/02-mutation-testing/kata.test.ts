import { describe, expect, it } from 'vitest';
import { cases, type ShippingCase } from './kata.js';

type ShippingFee = (subtotalCents: number, express: boolean, member: boolean) => number;

/** The function under test. */
const shippingFee: ShippingFee = (subtotalCents, express, member) => {
  if (!Number.isInteger(subtotalCents) || subtotalCents <= 0) throw new RangeError('subtotal must be a positive integer');
  let fee = subtotalCents >= 5000 ? 0 : 499;
  if (express) fee += 999;
  if (express && member) fee -= 500;
  return fee;
};

/** Mutants, as a mutation-testing tool would generate them: one small change each. */
const mutants: Array<[string, ShippingFee]> = [
  [
    'EqualityOperator: subtotalCents >= 5000 → subtotalCents > 5000',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s > 5000 ? 0 : 499;
      if (e) fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'EqualityOperator: subtotalCents <= 0 → subtotalCents < 0',
    (s, e, m) => {
      if (!Number.isInteger(s) || s < 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      if (e) fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'ConditionalExpression: !Number.isInteger(subtotalCents) → false',
    (s, e, m) => {
      if (false || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      if (e) fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'LogicalOperator: express && member → express || member',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      if (e) fee += 999;
      if (e || m) fee -= 500;
      return fee;
    },
  ],
  [
    'ArithmeticOperator: fee += 999 → fee -= 999',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      if (e) fee -= 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'ConditionalExpression: if (express) → if (true)',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'Literal: 499 → 0',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 0;
      if (e) fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
  [
    'ArithmeticOperator: fee -= 500 → fee += 500',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 0 : 499;
      if (e) fee += 999;
      if (e && m) fee += 500;
      return fee;
    },
  ],
  [
    'ConditionalExpression: subtotalCents >= 5000 ? 0 : 499 → ? 499 : 0',
    (s, e, m) => {
      if (!Number.isInteger(s) || s <= 0) throw new RangeError('x');
      let fee = s >= 5000 ? 499 : 0;
      if (e) fee += 999;
      if (e && m) fee -= 500;
      return fee;
    },
  ],
];

/** Does this case pass against `fee`? */
function passes(fee: ShippingFee, c: ShippingCase): boolean {
  try {
    const actual = fee(c.subtotalCents, c.express, c.member);
    return c.expected !== 'throws' && actual === c.expected;
  } catch {
    return c.expected === 'throws';
  }
}

const describeCase = (c: ShippingCase) =>
  `shippingFee(${c.subtotalCents}, ${c.express}, ${c.member}) expected ${JSON.stringify(c.expected)}`;

describe('your test cases', () => {
  it('are all correct for the real shippingFee', () => {
    expect(cases.length).toBeGreaterThan(0);
    const wrong = cases.filter((c) => !passes(shippingFee, c)).map(describeCase);
    expect(wrong, 'these cases fail against the real function').toEqual([]);
  });

  it.each(mutants)('kill the mutant — %s', (_name, mutant) => {
    const killed = cases.some((c) => !passes(mutant, c));
    expect(killed, 'the mutant survived: every case still passes against it').toBe(true);
  });
});
