import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AccessToken, TokenError } from './access-token.js'
import type { Result } from './result.js'

declare module 'fastify' {
  interface FastifyRequest {
    accessToken?: AccessToken
  }
}

type Verify = (token: string) => Promise<Result<AccessToken, TokenError>>

/**
 * Resource-server side of OAuth: a preHandler per required scope, answering as RFC 6750 says.
 * The token is read from the Authorization header only: OAuth 2.1 drops tokens in query strings,
 * which leak into logs, browser history and Referer headers.
 */
export function bearerAuth(verify: Verify, log: (event: object) => void = () => {}) {
  return (scope: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(request.headers.authorization ?? '')
    if (!match?.[1]) {
      // No credentials at all: challenge without an error code (RFC 6750 section 3.1).
      return reply.code(401).header('www-authenticate', 'Bearer realm="docs-api"').send({ error: 'unauthorized' })
    }
    const result = await verify(match[1])
    if (!result.ok) {
      log({ event: 'token-rejected', reason: result.error, ip: request.ip }) // detail for us, not the client
      return reply.code(401).header('www-authenticate', 'Bearer realm="docs-api", error="invalid_token"').send({ error: 'invalid_token' })
    }
    if (!result.value.scopes.includes(scope)) {
      return reply
        .code(403)
        .header('www-authenticate', `Bearer realm="docs-api", error="insufficient_scope", scope="${scope}"`)
        .send({ error: 'insufficient_scope' })
    }
    request.accessToken = result.value
  }
}

/**
 * Headers that ZAP's baseline passive rules look for (10021 X-Content-Type-Options, 10038 CSP,
 * 10020 anti-clickjacking, 10035 HSTS). In a real service use @fastify/helmet; this shows what it sets.
 */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('cache-control', 'no-store')
  })
}
