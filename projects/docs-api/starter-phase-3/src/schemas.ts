import { Type } from '@fastify/type-provider-typebox';

// JSON schemas (TypeBox) of every route's params, query, body and responses: fastify validates requests with
// them and serialises responses through them; the type provider gives handlers the matching static types.

/** The longest slug, and so the longest path parameter the router takes (fastify's `maxParamLength`). */
export const MAX_SLUG_LENGTH = 200;

export const Heading = Type.Object({ level: Type.Integer({ minimum: 1, maximum: 6 }), text: Type.String() });

export const Document = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  headings: Type.Array(Heading),
  body: Type.String(),
  links: Type.Array(Type.String()),
  status: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const DocumentPage = Type.Object({
  items: Type.Array(DocumentSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DocumentInput = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }),
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 1, maxLength: MAX_SLUG_LENGTH })),
    title: Type.String({ maxLength: 1000 }),
    headings: Type.Optional(Type.Array(Heading, { maxItems: 1000 })),
    body: Type.String({ maxLength: 1_000_000 }),
    links: Type.Optional(Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 10_000 })),
    // 0 is the scraper's "network error" status: an imported document must survive a GET → PUT round trip.
    status: Type.Optional(Type.Integer({ minimum: 0, maximum: 599 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: MAX_SLUG_LENGTH }) });

export const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
});

export const SearchResults = Type.Object({
  query: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      slug: Type.String(),
      url: Type.String(),
      title: Type.String(),
      rank: Type.Number(),
      snippet: Type.String(),
    }),
  ),
});

export const HealthChecks = Type.Object({
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  cache: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('disabled')]),
});

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  checks: HealthChecks,
});

/**
 * RFC 9457 problem details; extension members (validation errors, health checks) pass through. `instance` is
 * left out when the request's URL is too long to repeat (problem-details.ts).
 */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
