import Fastify, { type FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import type { DocumentDto, DocumentRepository } from './repository.js'

export interface AppDeps {
  readonly repo: DocumentRepository
  readonly redis: Redis
  /** Prefix for every cache key this app writes. */
  readonly cachePrefix: string
  /** @default 300 */
  readonly cacheTtlSeconds?: number
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const

/**
 * The docs API as an app factory: it never listens, so tests drive it with app.inject() against a
 * real database and Redis, and server.ts (Saturday) adds the logger, listen() and graceful close.
 */
export function buildApp({ repo, redis, cachePrefix, cacheTtlSeconds = 300 }: AppDeps): FastifyInstance {
  // Fastify's default Ajv settings silently strip properties a schema does not list; an API that
  // answers 400 to unknown fields is easier to evolve safely, so turn that off.
  const app = Fastify({ ajv: { customOptions: { removeAdditional: false } } })
  const cacheKey = (id: number) => `${cachePrefix}doc:${id}`

  app.get<{ Params: { id: number } }>('/documents/:id', { schema: { params: idParams } }, async (request, reply) => {
    const key = cacheKey(request.params.id)
    const cached = await redis.get(key)
    if (cached !== null) {
      reply.header('x-cache', 'hit').type('application/json')
      return cached // already JSON: no parse + stringify round trip on the hot path
    }
    const doc = await repo.getById(request.params.id)
    if (!doc) return reply.code(404).send({ error: 'document not found' })
    await redis.set(key, JSON.stringify(doc), 'EX', cacheTtlSeconds)
    reply.header('x-cache', 'miss')
    return doc
  })

  app.get<{ Querystring: { lang?: string; after?: number; limit?: number } }>(
    '/documents',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            lang: { type: 'string', minLength: 2, maxLength: 8 },
            after: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 100 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { lang, after, limit = 20 } = request.query
      const items: DocumentDto[] = await repo.list({ meta: lang ? { lang } : {}, after, limit })
      // A full page may have more after it; the cursor is the last id the client saw.
      return { items, next: items.length === limit ? items.at(-1)!.id : null }
    },
  )

  app.patch<{ Params: { id: number }; Body: { title: string } }>(
    '/documents/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: { title: { type: 'string', minLength: 1, maxLength: 300 } },
          required: ['title'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const doc = await repo.updateTitle(request.params.id, request.body.title)
      if (!doc) return reply.code(404).send({ error: 'document not found' })
      await redis.del(cacheKey(doc.id)) // after the write committed: delete, never set
      return doc
    },
  )

  return app
}
