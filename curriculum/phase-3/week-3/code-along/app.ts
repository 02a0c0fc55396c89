import Fastify, { type FastifyInstance } from 'fastify'
import { readingListRoutes } from './adapters/http/reading-list-routes.js'
import { makeAddDocumentToList } from './application/add-document-to-list.js'
import type { DocumentCatalog } from './application/ports/document-catalog.port.js'
import type { ReadingListRepository } from './application/ports/reading-list-repository.port.js'

export interface AppDeps {
  readonly lists: ReadingListRepository
  readonly catalog: DocumentCatalog
}

/**
 * Composition root: the one place that knows every concrete piece. Swapping Postgres for memory (or
 * HTTP for a CLI) changes the arguments passed here, never the use case or the domain.
 */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify()
  app.register(readingListRoutes, { addDocument: makeAddDocumentToList(deps) })
  return app
}
