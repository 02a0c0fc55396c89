import type { DocumentState } from '@my-docs-api/domain';

export interface DocumentInput {
  readonly url: string;
  readonly slug: string;
  readonly title: string;
}

/** Where documents live: the Postgres adapter implements it, and so does the in-memory one (./testing). */
export interface DocumentRepository {
  findById(id: number): Promise<DocumentState | null>;
  create(input: DocumentInput): Promise<DocumentState>;
}
