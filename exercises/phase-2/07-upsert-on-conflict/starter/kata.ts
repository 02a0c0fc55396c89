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
  // TODO: check-then-act in two statements — fine alone, broken under concurrency.
  const { rows } = await query<{ updated_at: Date }>('SELECT updated_at FROM products WHERE sku = $1', [product.sku]);
  const existing = rows[0];
  if (!existing) {
    await query('INSERT INTO products (sku, name, price_cents, updated_at) VALUES ($1, $2, $3, $4)', [
      product.sku,
      product.name,
      product.priceCents,
      product.updatedAt,
    ]);
    return 'inserted';
  }
  await query('UPDATE products SET name = $2, price_cents = $3, updated_at = $4 WHERE sku = $1', [
    product.sku,
    product.name,
    product.priceCents,
    product.updatedAt,
  ]);
  return 'updated';
}

/** Records that `eventId` was handled. True the first time, false for duplicates. */
export async function markProcessed(query: Query, eventId: string): Promise<boolean> {
  const { rows } = await query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId]);
  if (rows.length > 0) return false;
  await query('INSERT INTO processed_events (event_id) VALUES ($1)', [eventId]);
  return true;
}
