export interface ShippingCase {
  subtotalCents: number;
  express: boolean;
  member: boolean;
  /** The fee in cents, or 'throws' when shippingFee must throw. */
  expected: number | 'throws';
}

/** The test cases of the shippingFee test suite (see README.md). */
export const cases: readonly ShippingCase[] = [
  // Happy paths: one per combination that changes the fee.
  { subtotalCents: 1000, express: true, member: true, expected: 998 },
  { subtotalCents: 10000, express: false, member: false, expected: 0 },
  { subtotalCents: 1000, express: true, member: false, expected: 1498 },
  // Member without express: pays standard shipping, no discount (kills && → ||).
  { subtotalCents: 1000, express: false, member: true, expected: 499 },
  // Boundaries: exactly at the threshold, and one cent below it (kills >= → >).
  { subtotalCents: 5000, express: false, member: false, expected: 0 },
  { subtotalCents: 4999, express: false, member: false, expected: 499 },
  // Invalid input is behaviour too: 0 is the edge of "positive" (kills <= → <), and a fraction
  // exercises the integer check (kills its removal). 1 is the smallest valid subtotal.
  { subtotalCents: 0, express: false, member: false, expected: 'throws' },
  { subtotalCents: 10.5, express: false, member: false, expected: 'throws' },
  { subtotalCents: 1, express: false, member: false, expected: 499 },
];
