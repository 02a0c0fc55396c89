export interface ShippingCase {
  subtotalCents: number;
  express: boolean;
  member: boolean;
  /** The fee in cents, or 'throws' when shippingFee must throw. */
  expected: number | 'throws';
}

/** The test cases of the shippingFee test suite (see README.md). */
export const cases: readonly ShippingCase[] = [
  // TODO: these run almost every line — and four mutants still survive. Add cases that kill them.
  { subtotalCents: 1000, express: true, member: true, expected: 998 },
  { subtotalCents: 10000, express: false, member: false, expected: 0 },
];
