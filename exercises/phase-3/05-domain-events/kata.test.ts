import { describe, expect, it } from 'vitest';
import {
  Account,
  withdraw,
  InsufficientFundsError,
  AccountNotFoundError,
  type AccountEvent,
  type WithdrawDeps,
} from './kata.js';

const t0 = new Date('2025-08-25T10:00:00.000Z');
const t1 = new Date('2025-08-25T10:05:00.000Z');
const t2 = new Date('2025-08-25T10:10:00.000Z');

describe('Account aggregate', () => {
  it('open records AccountOpened with the given time', () => {
    const account = Account.open('acc-1', 'Ada', t0);
    expect(account.balanceCents).toBe(0);
    expect(account.pullEvents()).toEqual([{ type: 'AccountOpened', accountId: 'acc-1', owner: 'Ada', occurredAt: t0 }]);
  });

  it('deposit and withdraw record events in order, with the resulting balance', () => {
    const account = Account.open('acc-1', 'Ada', t0);
    account.deposit(10_000, t1);
    account.withdraw(2_500, t2);
    expect(account.balanceCents).toBe(7_500);
    expect(account.pullEvents()).toEqual([
      { type: 'AccountOpened', accountId: 'acc-1', owner: 'Ada', occurredAt: t0 },
      { type: 'MoneyDeposited', accountId: 'acc-1', amountCents: 10_000, balanceCents: 10_000, occurredAt: t1 },
      { type: 'MoneyWithdrawn', accountId: 'acc-1', amountCents: 2_500, balanceCents: 7_500, occurredAt: t2 },
    ]);
  });

  it('pullEvents empties the list, so an event is never published twice', () => {
    const account = Account.open('acc-1', 'Ada', t0);
    expect(account.pullEvents()).toHaveLength(1);
    expect(account.pullEvents()).toEqual([]);
    account.deposit(100, t1);
    expect(account.pullEvents().map((e) => e.type)).toEqual(['MoneyDeposited']);
  });

  it('events are frozen facts', () => {
    const account = Account.open('acc-1', 'Ada', t0);
    account.deposit(100, t1);
    const [, deposited] = account.pullEvents();
    expect(Object.isFrozen(deposited)).toBe(true);
  });

  it('a withdrawal above the balance throws, records nothing and changes nothing', () => {
    const account = Account.open('acc-1', 'Ada', t0);
    account.deposit(1_000, t1);
    account.pullEvents();
    expect(() => account.withdraw(1_001, t2)).toThrow(InsufficientFundsError);
    expect(account.balanceCents).toBe(1_000);
    expect(account.pullEvents()).toEqual([]);
  });

  it.each([0, -5, 1.5])('amount %s is a RangeError and records nothing', (amount) => {
    const account = Account.open('acc-1', 'Ada', t0);
    account.pullEvents();
    expect(() => account.deposit(amount, t1)).toThrow(RangeError);
    expect(() => account.withdraw(amount, t1)).toThrow(RangeError);
    expect(account.pullEvents()).toEqual([]);
  });
});

/** An in-memory repository and publisher that log the order of effects. */
function fakes(options: { saveFails?: boolean } = {}) {
  const log: string[] = [];
  const published: AccountEvent[] = [];
  const stored = new Map<string, Account>();
  const seed = Account.open('acc-1', 'Ada', t0);
  seed.deposit(5_000, t0);
  seed.pullEvents(); // already published when it happened
  stored.set('acc-1', seed);
  const deps: WithdrawDeps = {
    accounts: {
      async get(id) {
        log.push(`get ${id}`);
        return stored.get(id) ?? null;
      },
      async save(account) {
        log.push(`save ${account.id}`);
        if (options.saveFails) throw new Error('connection reset');
      },
    },
    publisher: {
      async publish(events) {
        log.push(`publish ${events.map((e) => e.type).join(',')}`);
        published.push(...events);
      },
    },
    clock: { now: () => t2 },
  };
  return { deps, log, published };
}

describe('withdraw use case', () => {
  it('loads, withdraws, saves, then publishes the new event', async () => {
    const { deps, log, published } = fakes();
    await withdraw(deps, { accountId: 'acc-1', amountCents: 1_200 });
    expect(log).toEqual(['get acc-1', 'save acc-1', 'publish MoneyWithdrawn']);
    expect(published).toEqual([
      { type: 'MoneyWithdrawn', accountId: 'acc-1', amountCents: 1_200, balanceCents: 3_800, occurredAt: t2 },
    ]);
  });

  it('publishes nothing when the save fails', async () => {
    const { deps, log, published } = fakes({ saveFails: true });
    await expect(withdraw(deps, { accountId: 'acc-1', amountCents: 1_200 })).rejects.toThrow('connection reset');
    expect(published).toEqual([]);
    expect(log).toEqual(['get acc-1', 'save acc-1']);
  });

  it('saves and publishes nothing when the domain rejects the withdrawal', async () => {
    const { deps, log } = fakes();
    await expect(withdraw(deps, { accountId: 'acc-1', amountCents: 9_999 })).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(log).toEqual(['get acc-1']);
  });

  it('throws AccountNotFoundError for an unknown account', async () => {
    const { deps } = fakes();
    await expect(withdraw(deps, { accountId: 'nope', amountCents: 1 })).rejects.toBeInstanceOf(AccountNotFoundError);
  });
});
