import type { DocumentEvent } from '../../domain/index.js';

/** Where the domain's events go once the repository has committed the change they record. */
export interface EventPublisher {
  publish(events: readonly DocumentEvent[]): Promise<void>;
}
