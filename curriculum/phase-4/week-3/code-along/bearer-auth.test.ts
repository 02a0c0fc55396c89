import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { createAccessTokenVerifier } from './access-token.js'
import { bearerAuth, securityHeaders } from './bearer-auth.js'
import { AUDIENCE, createTestIssuer, ISSUER, NOW } from './token-fixtures.js'

let app: FastifyInstance
let issuer: Awaited<ReturnType<typeof createTestIssuer>>
const rejected: object[] = []

beforeAll(async () => {
  issuer = await createTestIssuer()
  const requireScope = bearerAuth(createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: issuer.jwks, now: () => NOW }), (e) =>
    rejected.push(e),
  )
  app = Fastify()
  securityHeaders(app)
  app.get('/documents', { preHandler: requireScope('docs:read') }, async (request) => ({ user: request.accessToken?.subject }))
  app.post('/documents', { preHandler: requireScope('docs:write') }, async () => ({ created: true }))
})
afterAll(() => app.close())

describe('step 2: a bearer-token guard that answers like RFC 6750', () => {
  it('200 with a valid token and the right scope', async () => {
    const response = await app.inject({ url: '/documents', headers: { authorization: `Bearer ${await issuer.sign()}` } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ user: 'user-42' })
  })

  it('401 with a bare challenge when no credentials are sent', async () => {
    const response = await app.inject({ url: '/documents' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docs-api"')
  })

  it('ignores a token passed in the query string', async () => {
    const response = await app.inject({ url: `/documents?access_token=${await issuer.sign()}` })
    expect(response.statusCode).toBe(401)
  })

  it('401 invalid_token for a bad token, with the reason logged server-side only', async () => {
    const response = await app.inject({ url: '/documents', headers: { authorization: 'Bearer abc.def.ghi' } })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docs-api", error="invalid_token"')
    expect(response.json()).toEqual({ error: 'invalid_token' })
    expect(rejected.at(-1)).toMatchObject({ event: 'token-rejected', reason: 'malformed' })
  })

  it('403 insufficient_scope when the token lacks the scope', async () => {
    const response = await app.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${await issuer.sign()}` } })
    expect(response.statusCode).toBe(403)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docs-api", error="insufficient_scope", scope="docs:write"')
  })

  it('sends the security headers a ZAP baseline scan checks, on every response', async () => {
    const response = await app.inject({ url: '/documents' })
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    })
    expect(response.headers['x-powered-by']).toBeUndefined()
  })
})
