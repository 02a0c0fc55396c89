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

// TODO: looks fine, passes a happy-path test — and differs from the SQL adapter in several ways.
export class InMemoryCustomerRepository implements CustomerRepository {
  private readonly customers = new Map<string, Customer>();

  async save(customer: Customer): Promise<void> {
    this.customers.set(customer.id, customer);
  }

  async findById(id: string): Promise<Customer | null> {
    return this.customers.get(id) as Customer | null;
  }

  async findByEmail(email: string): Promise<Customer | null> {
    return [...this.customers.values()].find((c) => c.email === email) ?? null;
  }
}

export class SqlCustomerRepository implements CustomerRepository {
  constructor(private readonly query: Query) {}

  async save(customer: Customer): Promise<void> {
    void customer;
    throw new Error('TODO: implement SqlCustomerRepository.save');
  }

  async findById(id: string): Promise<Customer | null> {
    void id;
    throw new Error('TODO: implement SqlCustomerRepository.findById');
  }

  async findByEmail(email: string): Promise<Customer | null> {
    void email;
    throw new Error('TODO: implement SqlCustomerRepository.findByEmail');
  }
}
