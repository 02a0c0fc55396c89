export class InvalidMoneyError extends Error {
  override name = 'InvalidMoneyError';
}

export class CurrencyMismatchError extends Error {
  override name = 'CurrencyMismatchError';
}

/** Decimal places per supported currency (ISO 4217). */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = { EUR: 2, USD: 2, BRL: 2, JPY: 0 };

// TODO: this is a first draft with every classic money bug. Make it a real value object.
export class Money {
  constructor(
    public amountMinor: number,
    public currency: string,
  ) {}

  static of(amountMinor: number, currency: string): Money {
    return new Money(amountMinor, currency);
  }

  static fromDecimal(text: string, currency: string): Money {
    return new Money(Math.trunc(parseFloat(text) * 100), currency);
  }

  add(other: Money): Money {
    this.amountMinor += other.amountMinor;
    return this;
  }

  subtract(other: Money): Money {
    this.amountMinor -= other.amountMinor;
    return this;
  }

  equals(other: Money): boolean {
    return this === other;
  }

  allocate(ratios: number[]): Money[] {
    const total = ratios.reduce((a, b) => a + b, 0);
    return ratios.map((r) => new Money(Math.round((this.amountMinor * r) / total), this.currency));
  }

  toString(): string {
    return `${(this.amountMinor / 100).toFixed(2)} ${this.currency}`;
  }
}
