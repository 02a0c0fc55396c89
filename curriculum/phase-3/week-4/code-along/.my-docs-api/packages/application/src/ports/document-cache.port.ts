import type { DocumentState } from '@my-docs-api/domain';

/** Documents kept close: the Redis adapter implements it. */
export interface DocumentCache {
  get(id: number): Promise<DocumentState | undefined>;
  fill(document: DocumentState): Promise<void>;
  invalidate(id: number, version: number): Promise<void>;
}
