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

// TODO: an anemic model — public state, no rules. Turn it into an aggregate root.
export class Order {
  lines: Array<{ productId: string; quantity: number; unitPriceCents: number }> = [];
  status: OrderStatus = 'draft';

  constructor(
    readonly id: string,
    readonly customerId: string,
  ) {}

  static create(id: string, customerId: string): Order {
    return new Order(id, customerId);
  }

  get totalCents(): number {
    return this.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  }

  addLine(productId: string, quantity: number, unitPriceCents: number): void {
    this.lines.push({ productId, quantity, unitPriceCents });
  }

  removeLine(productId: string): void {
    this.lines = this.lines.filter((l) => l.productId !== productId);
  }

  place(): void {
    this.status = 'placed';
  }
}
