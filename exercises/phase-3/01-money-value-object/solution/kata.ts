export class InvalidMoneyError extends Error {
  override name = 'InvalidMoneyError';
}

export class CurrencyMismatchError extends Error {
  override name = 'CurrencyMismatchError';
}

/** Decimal places per supported currency (ISO 4217). */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = { EUR: 2, USD: 2, BRL: 2, JPY: 0 };

function decimalsOf(currency: string): number {
  const decimals = Object.hasOwn(CURRENCY_DECIMALS, currency) ? CURRENCY_DECIMALS[currency] : undefined;
  if (decimals === undefined) throw new InvalidMoneyError(`unsupported currency ${JSON.stringify(currency)}`);
  return decimals;
}

export class Money {
  // Private constructor: every instance goes through validation in of()/fromDecimal().
  private constructor(
    readonly amountMinor: number,
    readonly currency: string,
  ) {
    // readonly is compile-time only; freeze makes it true at run time too.
    Object.freeze(this);
  }

  static of(amountMinor: number, currency: string): Money {
    decimalsOf(currency);
    // Safe integers only: beyond 2^53 integers stop being exact.
    if (!Number.isSafeInteger(amountMinor)) {
      throw new InvalidMoneyError(`amount must be a safe integer of minor units, got ${amountMinor}`);
    }
    return new Money(amountMinor, currency);
  }

  static fromDecimal(text: string, currency: string): Money {
    const decimals = decimalsOf(currency);
    // Parse the string ourselves: a float cannot hold 19.99, so parseFloat(...) * 100 is off by a hair.
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new InvalidMoneyError(`not a decimal amount: ${JSON.stringify(text)}`);
    const [, sign = '', whole = '', fraction = ''] = match;
    if (fraction.length > decimals) {
      throw new InvalidMoneyError(`${currency} has ${decimals} decimals, got ${JSON.stringify(text)}`);
    }
    const minor = Number(whole + fraction.padEnd(decimals, '0'));
    return Money.of(sign === '-' ? -minor : minor, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amountMinor + other.amountMinor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amountMinor - other.amountMinor, this.currency);
  }

  equals(other: Money): boolean {
    return this.amountMinor === other.amountMinor && this.currency === other.currency;
  }

  /** Splits by integer ratios; the parts always sum to this amount (Fowler's allocation). */
  allocate(ratios: readonly number[]): Money[] {
    if (ratios.length === 0 || ratios.some((r) => !Number.isInteger(r) || r < 0)) {
      throw new InvalidMoneyError('ratios must be non-negative integers');
    }
    const total = ratios.reduce((a, b) => a + b, 0);
    if (total === 0) throw new InvalidMoneyError('ratios must not all be zero');

    // Round every share down, then give the cents that are left over to the first parts.
    // Rounding each share to nearest instead can add up to one cent more or less than the total.
    const shares = ratios.map((r) => Math.floor((this.amountMinor * r) / total));
    let remainder = this.amountMinor - shares.reduce((a, b) => a + b, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % shares.length) {
      shares[i] = (shares[i] ?? 0) + 1;
      remainder--;
    }
    return shares.map((s) => Money.of(s, this.currency));
  }

  toString(): string {
    const decimals = decimalsOf(this.currency);
    // Format the absolute value and prepend the sign: for -5 cents the whole part is 0 and would lose it.
    const digits = String(Math.abs(this.amountMinor)).padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const fraction = digits.slice(digits.length - decimals);
    const sign = this.amountMinor < 0 ? '-' : '';
    return `${sign}${whole}${decimals > 0 ? `.${fraction}` : ''} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new CurrencyMismatchError(`cannot combine ${this.currency} with ${other.currency}`);
    }
  }
}
