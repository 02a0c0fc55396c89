import type { FastifyPluginAsync } from 'fastify'
import type { AddDocumentError, AddDocumentToList } from '../../application/add-document-to-list.js'

/** Each expected failure of the use case gets exactly one HTTP meaning, decided here at the edge. */
const statusFor: Record<AddDocumentError, number> = {
  'list-not-found': 404,
  'document-not-found': 422,
  'duplicate-document': 409,
  'already-published': 409,
  'list-full': 409,
  'version-conflict': 409,
}

/** Driving adapter: HTTP in, use-case call, HTTP out. Parsing and mapping only. */
export const readingListRoutes: FastifyPluginAsync<{ addDocument: AddDocumentToList }> = async (app, { addDocument }) => {
  app.post<{ Params: { listId: string }; Body: { documentId: string } }>(
    '/reading-lists/:listId/items',
    {
      schema: {
        body: {
          type: 'object',
          required: ['documentId'],
          additionalProperties: false,
          properties: { documentId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const result = await addDocument({ listId: request.params.listId, documentId: request.body.documentId })
      if (!result.ok) return reply.code(statusFor[result.error]).send({ error: result.error })
      return reply.code(200).send({ items: result.value.items })
    },
  )
}
