import { describe, it, expect } from 'vitest';
import { Money, InvalidMoneyError, CurrencyMismatchError } from './kata.js';

describe('creating Money', () => {
  it('Money.of keeps integer minor units and the currency', () => {
    const m = Money.of(1999, 'EUR');
    expect(m.amountMinor).toBe(1999);
    expect(m.currency).toBe('EUR');
  });

  it.each([
    [19.5, 'EUR'],
    [Number.NaN, 'EUR'],
    [2 ** 53, 'EUR'],
    [100, 'eur'],
    [100, 'EURO'],
    [100, 'XYZ'],
  ])('Money.of(%s, %j) throws InvalidMoneyError', (amount, currency) => {
    expect(() => Money.of(amount, currency)).toThrow(InvalidMoneyError);
  });

  it.each([
    ['19.99', 'EUR', 1999],
    ['0.29', 'EUR', 29],
    ['1.1', 'USD', 110],
    ['-5.5', 'EUR', -550],
    ['7', 'BRL', 700],
    ['500', 'JPY', 500],
  ])('fromDecimal(%j, %s) is exactly %i minor units (no float rounding)', (text, currency, expected) => {
    expect(Money.fromDecimal(text, currency).amountMinor).toBe(expected);
  });

  it.each([
    ['1.005', 'EUR'],
    ['5.5', 'JPY'],
    ['1e3', 'EUR'],
    [' 1.00', 'EUR'],
    ['1,00', 'EUR'],
    ['', 'EUR'],
    ['.', 'EUR'],
    ['abc', 'EUR'],
  ])('fromDecimal(%j, %s) throws InvalidMoneyError', (text, currency) => {
    expect(() => Money.fromDecimal(text, currency)).toThrow(InvalidMoneyError);
  });
});

describe('value semantics', () => {
  it('is immutable: frozen, and assignments do not change it', () => {
    const m = Money.of(100, 'EUR');
    expect(Object.isFrozen(m)).toBe(true);
    expect(Reflect.set(m, 'amountMinor', 5)).toBe(false);
    expect(m.amountMinor).toBe(100);
  });

  it('add and subtract return new values and leave the operands unchanged', () => {
    const a = Money.of(1000, 'EUR');
    const b = Money.of(250, 'EUR');
    expect(a.add(b).amountMinor).toBe(1250);
    expect(a.subtract(b).amountMinor).toBe(750);
    expect(a.amountMinor).toBe(1000);
    expect(b.amountMinor).toBe(250);
  });

  it('refuses to add or subtract different currencies', () => {
    expect(() => Money.of(100, 'EUR').add(Money.of(100, 'USD'))).toThrow(CurrencyMismatchError);
    expect(() => Money.of(100, 'EUR').subtract(Money.of(100, 'USD'))).toThrow(CurrencyMismatchError);
  });

  it('equals compares by value, not by reference', () => {
    expect(Money.of(100, 'EUR').equals(Money.fromDecimal('1.00', 'EUR'))).toBe(true);
    expect(Money.of(100, 'EUR').equals(Money.of(100, 'USD'))).toBe(false);
    expect(Money.of(100, 'EUR').equals(Money.of(101, 'EUR'))).toBe(false);
  });
});

describe('allocate', () => {
  it('splits 1.00 EUR three ways as 0.34, 0.33, 0.33', () => {
    expect(Money.of(100, 'EUR').allocate([1, 1, 1]).map((m) => m.amountMinor)).toEqual([34, 33, 33]);
  });

  it('splits 0.05 EUR 70/30 as 0.04 and 0.01', () => {
    expect(Money.of(5, 'EUR').allocate([70, 30]).map((m) => m.amountMinor)).toEqual([4, 1]);
  });

  it.each([
    [1001, [1, 2, 3]],
    [7, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [99999, [13, 0, 29, 58]],
  ])('never loses or invents a cent: %i by %j sums back to the total', (amount, ratios) => {
    const parts = Money.of(amount, 'USD').allocate(ratios);
    expect(parts).toHaveLength(ratios.length);
    expect(parts.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(amount);
    expect(parts.every((p) => p.currency === 'USD')).toBe(true);
  });

  it.each([[[]], [[1, -1]], [[0, 0]]])('rejects the ratios %j', (ratios) => {
    expect(() => Money.of(100, 'EUR').allocate(ratios)).toThrow(InvalidMoneyError);
  });
});

describe('toString', () => {
  it.each([
    [1999, 'EUR', '19.99 EUR'],
    [5, 'EUR', '0.05 EUR'],
    [-5, 'EUR', '-0.05 EUR'],
    [-550, 'USD', '-5.50 USD'],
    [500, 'JPY', '500 JPY'],
  ])('Money.of(%i, %s) prints %j', (amount, currency, text) => {
    expect(Money.of(amount, currency).toString()).toBe(text);
  });
});
