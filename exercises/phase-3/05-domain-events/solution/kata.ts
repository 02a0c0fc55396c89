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

function assertAmount(amountCents: number): void {
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new RangeError(`amount must be a positive integer of cents, got ${amountCents}`);
  }
}

export class Account {
  // Events recorded by successful state changes, waiting to be published by the application layer.
  #pending: AccountEvent[] = [];

  private constructor(
    readonly id: string,
    readonly owner: string,
    private balance: number,
  ) {}

  // Time comes in as a parameter: the domain stays pure and tests need no fake timers.
  static open(id: string, owner: string, now: Date): Account {
    const account = new Account(id, owner, 0);
    account.record({ type: 'AccountOpened', accountId: id, owner, occurredAt: now });
    return account;
  }

  get balanceCents(): number {
    return this.balance;
  }

  deposit(amountCents: number, now: Date): void {
    assertAmount(amountCents);
    this.balance += amountCents;
    this.record({ type: 'MoneyDeposited', accountId: this.id, amountCents, balanceCents: this.balance, occurredAt: now });
  }

  withdraw(amountCents: number, now: Date): void {
    // Rules first: a rejected command leaves no state change and no event behind.
    assertAmount(amountCents);
    if (amountCents > this.balance) {
      throw new InsufficientFundsError(`account ${this.id} has ${this.balance}, cannot withdraw ${amountCents}`);
    }
    this.balance -= amountCents;
    this.record({ type: 'MoneyWithdrawn', accountId: this.id, amountCents, balanceCents: this.balance, occurredAt: now });
  }

  /** Returns the events recorded since the last call, and forgets them. */
  pullEvents(): AccountEvent[] {
    const events = this.#pending;
    this.#pending = []; // pulled once, published once
    return events;
  }

  private record(event: AccountEvent): void {
    // Events are facts about the past: freeze them so no handler can rewrite history.
    this.#pending.push(Object.freeze({ ...event, occurredAt: new Date(event.occurredAt.getTime()) }));
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
  const account = await deps.accounts.get(command.accountId);
  if (!account) throw new AccountNotFoundError(`no account ${command.accountId}`);

  account.withdraw(command.amountCents, deps.clock.now()); // throws on a broken rule: nothing saved
  await deps.accounts.save(account); // throws on failure: nothing published
  // Only now is the change a fact. (Crash between these two lines = lost event; an outbox fixes that.)
  await deps.publisher.publish(account.pullEvents());
}
