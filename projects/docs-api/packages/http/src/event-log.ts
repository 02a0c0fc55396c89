import type { Clock, EventPublisher } from '@docs-api/application';
import type { FastifyBaseLogger } from 'fastify';

/** The system clock, for the use cases' event stamps (tests of the use cases pass their own). */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The EventPublisher of this app: every committed change as one debug line of the log. Cache invalidation across
 * instances is the cache adapter's pub/sub; a queue (phase 5, BullMQ) will be another publisher behind this port.
 */
export function logEventPublisher(log: Pick<FastifyBaseLogger, 'debug'>): EventPublisher {
  return {
    async publish(events) {
      for (const e of events) log.debug({ event: e.type, id: e.id, version: e.version }, 'document event');
    },
  };
}
