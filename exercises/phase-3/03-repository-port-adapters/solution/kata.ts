export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export interface Customer {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

/** Domain error: the e-mail belongs to another customer. */
export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
}

/** The port: owned by the application, in the application's language. */
export interface CustomerRepository {
  /** Inserts, or updates email and name of an existing id. Throws DuplicateEmailError. */
  save(customer: Customer): Promise<void>;
  findById(id: string): Promise<Customer | null>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<Customer | null>;
}

// A deep enough copy for this shape: Date is the only mutable field.
const copy = (c: Customer): Customer => ({ ...c, createdAt: new Date(c.createdAt.getTime()) });

/** Test/dev adapter. It must honour the same contract as the SQL adapter, on purpose. */
export class InMemoryCustomerRepository implements CustomerRepository {
  private readonly customers = new Map<string, Customer>();

  async save(customer: Customer): Promise<void> {
    const email = customer.email.toLowerCase();
    const taken = [...this.customers.values()].some((c) => c.id !== customer.id && c.email.toLowerCase() === email);
    if (taken) throw new DuplicateEmailError(`e-mail ${customer.email} is already used`);
    const existing = this.customers.get(customer.id);
    // Like the SQL adapter: an update changes email and name, never the creation time.
    const stored = existing ? { ...existing, email: customer.email, name: customer.name } : customer;
    this.customers.set(customer.id, copy(stored)); // store a copy: callers keep their object
  }

  async findById(id: string): Promise<Customer | null> {
    const found = this.customers.get(id);
    return found ? copy(found) : null; // return a copy: callers cannot edit the store
  }

  async findByEmail(email: string): Promise<Customer | null> {
    const wanted = email.toLowerCase();
    const found = [...this.customers.values()].find((c) => c.email.toLowerCase() === wanted);
    return found ? copy(found) : null;
  }
}

interface CustomerRow {
  id: string;
  email: string;
  name: string;
  created_at: Date;
}

/** Production adapter over PostgreSQL. */
export class SqlCustomerRepository implements CustomerRepository {
  constructor(private readonly query: Query) {}

  async save(customer: Customer): Promise<void> {
    try {
      await this.query(
        `INSERT INTO customers (id, email, name, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name`,
        [customer.id, customer.email, customer.name, customer.createdAt],
      );
    } catch (error) {
      // Translate at the edge: the application speaks DuplicateEmailError, not SQLSTATE 23505.
      if (isUniqueViolation(error)) throw new DuplicateEmailError(`e-mail ${customer.email} is already used`, { cause: error });
      throw error;
    }
  }

  async findById(id: string): Promise<Customer | null> {
    const { rows } = await this.query<CustomerRow>('SELECT id, email, name, created_at FROM customers WHERE id = $1', [id]);
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<Customer | null> {
    // lower(email) = lower($1) matches the unique index on lower(email), so it is also an index lookup.
    const { rows } = await this.query<CustomerRow>(
      'SELECT id, email, name, created_at FROM customers WHERE lower(email) = lower($1)',
      [email],
    );
    return rows[0] ? toCustomer(rows[0]) : null;
  }
}

/** The one place where the table's shape meets the domain's shape. */
function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
