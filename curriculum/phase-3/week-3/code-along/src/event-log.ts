import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './application/ports/clock.port.js';
import type { EventPublisher } from './application/ports/event-publisher.port.js';

/** The system clock: the only `new Date()` the use cases ever see, handed to them by the composition root. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The EventPublisher of this app: one debug line of the log per committed change. Cache invalidation across
 * instances is the cache adapter's pub/sub; a queue (phase 5, BullMQ) will be another adapter behind this port.
 */
export function logEventPublisher(log: Pick<FastifyBaseLogger, 'debug'>): EventPublisher {
  return {
    async publish(events) {
      for (const e of events) log.debug({ event: e.type, id: e.id, version: e.version }, 'document event');
    },
  };
}
