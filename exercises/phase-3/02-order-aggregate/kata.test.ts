import { describe, it, expect } from 'vitest';
import { Order, OrderError, type OrderErrorCode } from './kata.js';

function expectOrderError(fn: () => unknown, code: OrderErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected an OrderError with code ${code}`).toBeInstanceOf(OrderError);
  expect((thrown as OrderError).code).toBe(code);
}

const snapshot = (order: Order) => ({
  status: order.status,
  lines: order.lines.map((l) => ({ ...l })),
  totalCents: order.totalCents,
});

describe('Order aggregate', () => {
  it('starts as an empty draft', () => {
    const order = Order.create('o-1', 'c-1');
    expect(order.id).toBe('o-1');
    expect(order.customerId).toBe('c-1');
    expect(order.status).toBe('draft');
    expect(order.lines).toEqual([]);
    expect(order.totalCents).toBe(0);
  });

  it('adds lines and keeps the total in sync', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 2, 4999);
    order.addLine('mouse', 1, 1999);
    expect(order.lines).toEqual([
      { productId: 'kb', quantity: 2, unitPriceCents: 4999 },
      { productId: 'mouse', quantity: 1, unitPriceCents: 1999 },
    ]);
    expect(order.totalCents).toBe(2 * 4999 + 1999);
  });

  it('merges the same product into one line', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 2, 4999);
    order.addLine('kb', 3, 4999);
    expect(order.lines).toEqual([{ productId: 'kb', quantity: 5, unitPriceCents: 4999 }]);
  });

  it.each([
    ['zero quantity', 0, 100],
    ['negative quantity', -1, 100],
    ['fractional quantity', 1.5, 100],
    ['quantity above 99', 100, 100],
    ['negative price', 1, -1],
    ['fractional price', 1, 9.99],
  ])('rejects %s with INVALID_LINE', (_label, quantity, price) => {
    const order = Order.create('o-1', 'c-1');
    expectOrderError(() => order.addLine('kb', quantity, price), 'INVALID_LINE');
    expect(order.lines).toEqual([]);
  });

  it('rejects a merge that would take one line above 99, and leaves the line as it was', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 60, 4999);
    expectOrderError(() => order.addLine('kb', 40, 4999), 'INVALID_LINE');
    expect(order.lines).toEqual([{ productId: 'kb', quantity: 60, unitPriceCents: 4999 }]);
  });

  it('rejects the same product with a different unit price (PRICE_MISMATCH)', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 1, 4999);
    expectOrderError(() => order.addLine('kb', 1, 3999), 'PRICE_MISMATCH');
    expect(order.totalCents).toBe(4999);
  });

  it('allows at most 10 lines (TOO_MANY_LINES)', () => {
    const order = Order.create('o-1', 'c-1');
    for (let i = 0; i < 10; i++) order.addLine(`p${i}`, 1, 100);
    expectOrderError(() => order.addLine('p10', 1, 100), 'TOO_MANY_LINES');
    order.addLine('p3', 1, 100); // merging into an existing line is still fine
    expect(order.lines).toHaveLength(10);
  });

  it('removes a line, and rejects removing a product that is not there (LINE_NOT_FOUND)', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 1, 4999);
    order.addLine('mouse', 1, 1999);
    order.removeLine('kb');
    expect(order.lines.map((l) => l.productId)).toEqual(['mouse']);
    expectOrderError(() => order.removeLine('kb'), 'LINE_NOT_FOUND');
  });

  it('cannot place an empty order (EMPTY_ORDER)', () => {
    const order = Order.create('o-1', 'c-1');
    expectOrderError(() => order.place(), 'EMPTY_ORDER');
    expect(order.status).toBe('draft');
  });

  it('a placed order cannot be changed or placed again (ORDER_NOT_EDITABLE)', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 1, 4999);
    order.place();
    expect(order.status).toBe('placed');
    const before = snapshot(order);
    expectOrderError(() => order.addLine('mouse', 1, 1999), 'ORDER_NOT_EDITABLE');
    expectOrderError(() => order.removeLine('kb'), 'ORDER_NOT_EDITABLE');
    expectOrderError(() => order.place(), 'ORDER_NOT_EDITABLE');
    expect(snapshot(order)).toEqual(before);
  });

  it('lines is a copy: pushing to it or editing a line does not change the order', () => {
    const order = Order.create('o-1', 'c-1');
    order.addLine('kb', 1, 4999);
    const before = snapshot(order);
    const lines = order.lines as Array<{ productId: string; quantity: number; unitPriceCents: number }>;
    try {
      lines.push({ productId: 'free', quantity: 99, unitPriceCents: 0 });
    } catch {
      // a frozen array is fine too
    }
    try {
      lines[0]!.quantity = 99;
    } catch {
      // a frozen line is fine too
    }
    expect(snapshot(order)).toEqual(before);
  });

  it('status cannot be set from outside', () => {
    const order = Order.create('o-1', 'c-1');
    try {
      Reflect.set(order, 'status', 'placed');
    } catch {
      // throwing is fine
    }
    expect(order.status).toBe('draft');
  });
});
