import Fastify, { type FastifyInstance } from 'fastify'
import type { DocumentsRepository } from './documents-repository.js'
import { parsePaging } from './paging.js'

/** App factory: builds the routes on injected dependencies and never listens (tests use inject). */
export function buildApp({ documents }: { documents: DocumentsRepository }): FastifyInstance {
  const app = Fastify()

  app.post<{ Body: { url: string; title: string } }>(
    '/documents',
    {
      schema: {
        body: {
          type: 'object',
          required: ['url', 'title'],
          properties: {
            url: { type: 'string', pattern: '^https?://', maxLength: 2048 },
            title: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      const result = await documents.insert(request.body)
      if (!result.ok) return reply.code(409).send({ error: result.error })
      return reply.code(201).send(result.value)
    },
  )

  app.get<{ Params: { id: number } }>(
    '/documents/:id',
    // Postgres `integer` is 32-bit: without the maximum, /documents/99999999999 reaches the
    // database, fails with 22003 (out of range) and becomes a 500.
    { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } } } },
    async (request, reply) => {
      const doc = await documents.findById(request.params.id)
      return doc ?? reply.code(404).send({ error: 'not-found' })
    },
  )

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/documents', async (request, reply) => {
    const paging = parsePaging(request.query)
    if (!paging.ok) return reply.code(400).send({ error: paging.error })
    return { items: await documents.list(paging.value), ...paging.value }
  })

  return app
}
