import { describe, it, expect, expectTypeOf } from 'vitest';
import { createEmitter } from './kata.js';

type ShopEvents = {
  'order:placed': { orderId: string; total: number };
  'order:cancelled': { orderId: string; reason: string };
  shutdown: void;
};

describe('createEmitter', () => {
  it('calls listeners in registration order with the payload and returns how many ran', () => {
    const emitter = createEmitter<ShopEvents>();
    const calls: string[] = [];
    emitter.on('order:placed', (e) => calls.push(`first ${e.orderId}`));
    emitter.on('order:placed', (e) => calls.push(`second ${e.total}`));
    emitter.on('order:cancelled', () => calls.push('wrong event'));
    expect(emitter.emit('order:placed', { orderId: 'o1', total: 30 })).toBe(2);
    expect(calls).toEqual(['first o1', 'second 30']);
  });

  it('supports events without payload', () => {
    const emitter = createEmitter<ShopEvents>();
    let stopped = 0;
    emitter.on('shutdown', () => stopped++);
    emitter.emit('shutdown');
    expect(stopped).toBe(1);
  });

  it('on() returns an unsubscribe function that is safe to call twice', () => {
    const emitter = createEmitter<ShopEvents>();
    let calls = 0;
    const unsubscribe = emitter.on('shutdown', () => calls++);
    unsubscribe();
    unsubscribe();
    expect(emitter.emit('shutdown')).toBe(0);
    expect(calls).toBe(0);
    expect(emitter.listenerCount('shutdown')).toBe(0);
  });

  it('a listener that unsubscribes itself during emit does not make the next one get skipped', () => {
    const emitter = createEmitter<ShopEvents>();
    const calls: string[] = [];
    const unsubscribeA = emitter.on('shutdown', () => {
      calls.push('a');
      unsubscribeA();
    });
    emitter.on('shutdown', () => calls.push('b'));
    emitter.on('shutdown', () => calls.push('c'));
    emitter.emit('shutdown');
    emitter.emit('shutdown');
    expect(calls).toEqual(['a', 'b', 'c', 'b', 'c']);
  });

  it('a listener added during emit is not called by that same emit', () => {
    const emitter = createEmitter<ShopEvents>();
    const calls: string[] = [];
    emitter.on('shutdown', () => {
      calls.push('outer');
      emitter.on('shutdown', () => calls.push('added later'));
    });
    emitter.emit('shutdown');
    expect(calls).toEqual(['outer']);
  });

  it('once() runs a listener at most once, even when it re-emits the same event', () => {
    const emitter = createEmitter<ShopEvents>();
    let calls = 0;
    emitter.once('shutdown', () => {
      calls++;
      emitter.emit('shutdown');
    });
    emitter.emit('shutdown');
    emitter.emit('shutdown');
    expect(calls).toBe(1);
    expect(emitter.listenerCount('shutdown')).toBe(0);
  });

  it('off() removes a listener that was registered with once()', () => {
    const emitter = createEmitter<ShopEvents>();
    let calls = 0;
    const listener = () => calls++;
    emitter.once('shutdown', listener);
    emitter.off('shutdown', listener);
    emitter.emit('shutdown');
    expect(calls).toBe(0);
  });

  it('a throwing listener does not stop the others; emit then throws an AggregateError with every error', () => {
    const emitter = createEmitter<ShopEvents>();
    const calls: string[] = [];
    emitter.on('order:cancelled', () => {
      throw new Error('audit log down');
    });
    emitter.on('order:cancelled', (e) => calls.push(`refund ${e.orderId}`));
    emitter.on('order:cancelled', () => {
      throw new Error('mailer down');
    });
    let thrown: unknown;
    try {
      emitter.emit('order:cancelled', { orderId: 'o9', reason: 'out of stock' });
    } catch (error) {
      thrown = error;
    }
    expect(calls).toEqual(['refund o9']);
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors.map((e: Error) => e.message)).toEqual(['audit log down', 'mailer down']);
  });
});

describe('compile-time checks (your editor / tsc checks these; they do nothing at run time)', () => {
  it('types flow from the event map to listeners and emit', () => {
    const emitter = createEmitter<ShopEvents>();
    const typeChecks = () => {
      emitter.on('order:placed', (e) => {
        expectTypeOf(e).toEqualTypeOf<{ orderId: string; total: number }>();
      });
      expectTypeOf(emitter.on('shutdown', () => {})).toEqualTypeOf<() => void>();
      // @ts-expect-error — unknown event name
      emitter.on('order:shipped', () => {});
      // @ts-expect-error — wrong payload shape
      emitter.emit('order:placed', { orderId: 'o1' });
      // @ts-expect-error — an event with a payload needs it
      emitter.emit('order:cancelled');
      // @ts-expect-error — a void event takes no payload
      emitter.emit('shutdown', 'now');
    };
    expect(typeof typeChecks).toBe('function'); // defined, never called
  });
});
