export type AccountEvent =
  | { readonly type: 'AccountOpened'; readonly accountId: string; readonly owner: string; readonly occurredAt: Date }
  | {
      readonly type: 'MoneyDeposited' | 'MoneyWithdrawn';
      readonly accountId: string;
      readonly amountCents: number;
      readonly balanceCents: number;
      readonly occurredAt: Date;
    };

export class InsufficientFundsError extends Error {
  override name = 'InsufficientFundsError';
}

export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
}

export class Account {
  private constructor(
    readonly id: string,
    readonly owner: string,
    private balance: number,
  ) {}

  static open(id: string, owner: string, now: Date): Account {
    void now; // TODO: record AccountOpened
    return new Account(id, owner, 0);
  }

  get balanceCents(): number {
    return this.balance;
  }

  deposit(amountCents: number, now: Date): void {
    void now; // TODO: validate, record MoneyDeposited
    this.balance += amountCents;
  }

  withdraw(amountCents: number, now: Date): void {
    void now; // TODO: validate, check the balance, record MoneyWithdrawn
    this.balance -= amountCents;
  }

  /** Returns the events recorded since the last call, and forgets them. */
  pullEvents(): AccountEvent[] {
    throw new Error('TODO: implement pullEvents');
  }
}

// Ports of the use case.
export interface AccountRepository {
  get(id: string): Promise<Account | null>;
  save(account: Account): Promise<void>;
}
export interface EventPublisher {
  publish(events: readonly AccountEvent[]): Promise<void>;
}
export interface WithdrawDeps {
  accounts: AccountRepository;
  publisher: EventPublisher;
  clock: { now(): Date };
}

/** Use case: withdraw money from an account and tell the world. */
export async function withdraw(deps: WithdrawDeps, command: { accountId: string; amountCents: number }): Promise<void> {
  void deps;
  void command;
  throw new Error('TODO: implement the withdraw use case');
}
