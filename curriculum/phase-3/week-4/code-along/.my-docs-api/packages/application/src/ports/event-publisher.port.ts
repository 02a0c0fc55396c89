import type { DocumentEvent } from '@my-docs-api/domain';

export interface EventPublisher {
  publish(events: readonly DocumentEvent[]): Promise<void>;
}
