export type OrderErrorCode =
  | 'INVALID_LINE'
  | 'PRICE_MISMATCH'
  | 'TOO_MANY_LINES'
  | 'LINE_NOT_FOUND'
  | 'EMPTY_ORDER'
  | 'ORDER_NOT_EDITABLE';

export class OrderError extends Error {
  override name = 'OrderError';
  constructor(
    readonly code: OrderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export type OrderStatus = 'draft' | 'placed';

const MAX_LINES = 10;
const MAX_QUANTITY = 99;

export class Order {
  // #private fields are private at run time too (TypeScript's `private` is only a compile-time check).
  #lines: OrderLine[] = [];
  #status: OrderStatus = 'draft';

  private constructor(
    readonly id: string,
    readonly customerId: string,
  ) {}

  static create(id: string, customerId: string): Order {
    return new Order(id, customerId);
  }

  get status(): OrderStatus {
    return this.#status;
  }

  /** A frozen copy: callers can read the lines but never reach the aggregate's own array. */
  get lines(): readonly OrderLine[] {
    return Object.freeze(this.#lines.map((line) => Object.freeze({ ...line })));
  }

  // Derived, never stored: it cannot drift out of sync with the lines.
  get totalCents(): number {
    return this.#lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  }

  addLine(productId: string, quantity: number, unitPriceCents: number): void {
    // Check every rule first, change state last: a rejected call leaves no half-applied change.
    this.assertEditable();
    if (!Number.isInteger(unitPriceCents) || unitPriceCents < 0) {
      throw new OrderError('INVALID_LINE', `unit price must be a non-negative integer, got ${unitPriceCents}`);
    }
    const existing = this.#lines.find((l) => l.productId === productId);
    const newQuantity = (existing?.quantity ?? 0) + quantity;
    if (!Number.isInteger(quantity) || quantity < 1 || newQuantity > MAX_QUANTITY) {
      throw new OrderError('INVALID_LINE', `quantity per line must be 1..${MAX_QUANTITY}`);
    }
    if (existing && existing.unitPriceCents !== unitPriceCents) {
      throw new OrderError('PRICE_MISMATCH', `${productId} is already in the order at another price`);
    }
    if (!existing && this.#lines.length >= MAX_LINES) {
      throw new OrderError('TOO_MANY_LINES', `an order has at most ${MAX_LINES} lines`);
    }

    this.#lines = existing
      ? this.#lines.map((l) => (l === existing ? { ...l, quantity: newQuantity } : l))
      : [...this.#lines, { productId, quantity, unitPriceCents }];
  }

  removeLine(productId: string): void {
    this.assertEditable();
    if (!this.#lines.some((l) => l.productId === productId)) {
      throw new OrderError('LINE_NOT_FOUND', `${productId} is not in the order`);
    }
    this.#lines = this.#lines.filter((l) => l.productId !== productId);
  }

  place(): void {
    this.assertEditable();
    if (this.#lines.length === 0) throw new OrderError('EMPTY_ORDER', 'cannot place an empty order');
    this.#status = 'placed';
  }

  private assertEditable(): void {
    if (this.#status !== 'draft') throw new OrderError('ORDER_NOT_EDITABLE', `order ${this.id} is ${this.#status}`);
  }
}
