import type { FastifyPluginAsync } from 'fastify';
import type { DocumentService } from './application/document-service.js';
import type { DocumentInput } from './application/ports/document-repository.port.js';

export interface DocumentRoutesOptions {
  readonly documents: DocumentService;
}

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
const documentBody = {
  type: 'object',
  required: ['url', 'title', 'body'],
  properties: {
    url: { type: 'string' },
    slug: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    headings: { type: 'array', items: { type: 'object', required: ['level', 'text'], properties: { level: { type: 'integer' }, text: { type: 'string' } } } },
    links: { type: 'array', items: { type: 'string' } },
    status: { type: 'integer' },
  },
} as const;

interface Body {
  url: string;
  slug?: string;
  title: string;
  body: string;
  headings?: { level: number; text: string }[];
  links?: string[];
  status?: number;
}

function toInput(body: Body): DocumentInput {
  return {
    url: body.url,
    ...(body.slug === undefined ? {} : { slug: body.slug }),
    title: body.title,
    headings: body.headings ?? [],
    body: body.body,
    links: body.links ?? [],
    status: body.status ?? 200,
  };
}

const notFound = (detail: string) => ({ type: 'about:blank', title: 'Not Found', status: 404, detail });

/**
 * The driving adapter: HTTP in, a use case, HTTP out. It validates shapes (JSON schema), calls the service, and
 * turns "none" into 404; the rules themselves live in the domain, and their errors become 400 and 409 in one
 * place (the error handler in app.ts). It never sees an adapter: only the use cases.
 */
export const documentRoutes: FastifyPluginAsync<DocumentRoutesOptions> = async (app, { documents }) => {
  app.get<{ Params: { id: number } }>('/documents/:id', { schema: { params: idParams } }, async (request, reply) => {
    const document = await documents.getById(request.params.id);
    return document ?? reply.code(404).type('application/problem+json').send(notFound(`no document with id ${request.params.id}`));
  });

  app.get<{ Params: { slug: string } }>('/documents/by-slug/:slug', async (request, reply) => {
    const document = await documents.getBySlug(request.params.slug);
    return document ?? reply.code(404).type('application/problem+json').send(notFound(`no document with slug "${request.params.slug}"`));
  });

  app.get<{ Querystring: { q: string; limit?: number } }>(
    '/search',
    { schema: { querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1 }, limit: { type: 'integer', minimum: 1, maximum: 50 } } } } },
    async (request) => ({ query: request.query.q, items: await documents.search(request.query.q, request.query.limit ?? 10) }),
  );

  app.post<{ Body: Body }>('/documents', { schema: { body: documentBody } }, async (request, reply) => {
    const document = await documents.publish(toInput(request.body));
    return reply.code(201).header('location', `/documents/${document.id}`).send(document);
  });

  app.put<{ Params: { id: number }; Body: Body }>('/documents/:id', { schema: { params: idParams, body: documentBody } }, async (request, reply) => {
    const document = await documents.update(request.params.id, toInput(request.body));
    return document ?? reply.code(404).type('application/problem+json').send(notFound(`no document with id ${request.params.id}`));
  });

  app.delete<{ Params: { id: number } }>('/documents/:id', { schema: { params: idParams } }, async (request, reply) => {
    if (await documents.delete(request.params.id)) return reply.code(204).send();
    return reply.code(404).type('application/problem+json').send(notFound(`no document with id ${request.params.id}`));
  });
};
