export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export interface ProductInput {
  sku: string;
  name: string;
  priceCents: number;
  /** When the source system changed the product. */
  updatedAt: Date;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'skipped';

/** Inserts the product, or updates it if `updatedAt` is newer than the stored row. */
export async function upsertProduct(query: Query, product: ProductInput): Promise<UpsertOutcome> {
  // One statement: the unique index arbitrates concurrent inserts. A concurrent request for the same
  // sku waits for ours and then takes the DO UPDATE branch instead of failing.
  // The WHERE makes it "last write wins by source timestamp": a stale message updates nothing,
  // and then RETURNING yields no row.
  // xmax = 0 holds for a row version created by INSERT; an updated row carries our xid in xmax.
  const { rows } = await query<{ inserted: boolean }>(
    `INSERT INTO products AS p (sku, name, price_cents, updated_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (sku) DO UPDATE
       SET name = EXCLUDED.name,
           price_cents = EXCLUDED.price_cents,
           updated_at = EXCLUDED.updated_at
       WHERE p.updated_at < EXCLUDED.updated_at
     RETURNING (xmax = 0) AS inserted`,
    [product.sku, product.name, product.priceCents, product.updatedAt],
  );
  const [result] = rows;
  if (!result) return 'skipped';
  return result.inserted ? 'inserted' : 'updated';
}

/** Records that `eventId` was handled. True the first time, false for duplicates. */
export async function markProcessed(query: Query, eventId: string): Promise<boolean> {
  // DO NOTHING + RETURNING: only the request whose INSERT actually happened gets a row back.
  // (In a real consumer, run this in the same transaction as the side effects it guards.)
  const { rows } = await query(
    'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
    [eventId],
  );
  return rows.length === 1;
}
