import { describe, expect, it } from 'vitest';
import { docsApiFix, findCycle, invertDependency, type Imports } from './kata.js';

/** Sorted keys and sorted imports: the order of a module's imports does not matter in a graph. */
function normalise(graph: Imports): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(graph)
      .sort()
      .map((m) => [m, [...graph[m]!].sort()]),
  );
}

/** Freezes the graph and its lists, so a function that edits its input throws instead of passing. */
function frozen(graph: Imports): Imports {
  for (const list of Object.values(graph)) Object.freeze(list);
  return Object.freeze(graph);
}

// Saturday's stage 4 layer rules (the names are those of `roadmap verify` and the week 4 dependency-cruiser
// config). The test's own copy, so that your code is checked against them rather than by them.
const pkg = (module: string): string => module.split('/')[0]!;
const isAdapter = (module: string): boolean => pkg(module).startsWith('adapter-');
const RULES: ReadonlyArray<readonly [string, (from: string, to: string) => boolean]> = [
  ['domain-imports-nothing', (from, to) => pkg(from) === 'domain' && pkg(to) !== 'domain'],
  ['application-imports-domain-only', (from, to) => pkg(from) === 'application' && pkg(to) !== 'application' && pkg(to) !== 'domain'],
  ['adapters-not-each-other', (from, to) => isAdapter(from) && isAdapter(to) && pkg(from) !== pkg(to)],
  ['only-http-imports-adapters', (from, to) => isAdapter(to) && !isAdapter(from) && pkg(from) !== 'http'],
];

/** Every import that breaks a layer rule, as `from → to (rule name)`. */
function brokenRules(graph: Imports): string[] {
  return Object.entries(graph).flatMap(([from, list]) =>
    list.flatMap((to) => RULES.filter(([, breaks]) => breaks(from, to)).map(([name]) => `${from} → ${to} (rule ${name})`)),
  );
}

const docsApi: Imports = {
  'http/server': ['application/publish-document', 'fastify'],
  'application/publish-document': ['domain/document', 'adapter-postgres/postgres-document-repository'],
  'adapter-postgres/postgres-document-repository': ['application/publish-document', 'domain/document', 'pg'],
  'domain/document': ['domain/slug'],
  'domain/slug': [],
};

describe('findCycle', () => {
  it.each<[string, Imports]>([
    [
      'a diamond: two use cases import the same domain module',
      {
        'http/server': ['application/publish-document', 'application/delete-document'],
        'application/publish-document': ['domain/document'],
        'application/delete-document': ['domain/document'],
        'domain/document': ['domain/slug'],
        'domain/slug': [],
      },
    ],
    [
      'two adapters that both import pg and node:crypto',
      {
        'adapter-postgres/document-repository': ['pg', 'node:crypto'],
        'adapter-postgres/outbox': ['pg', 'node:crypto', 'adapter-postgres/document-repository'],
      },
    ],
    ['an empty graph', {}],
    [
      'docs-api with its port in the application',
      {
        'http/server': ['application/publish-document', 'adapter-postgres/postgres-document-repository', 'fastify'],
        'application/publish-document': ['domain/document', 'application/document-repository.port'],
        'application/document-repository.port': ['domain/document'],
        'adapter-postgres/postgres-document-repository': ['application/document-repository.port', 'domain/document', 'pg'],
        'domain/document': ['domain/slug'],
        'domain/slug': [],
      },
    ],
  ])('%s has no cycle', (_name, graph) => {
    expect(findCycle(graph)).toBeNull();
  });

  it.each<[string, Imports, string[]]>([
    [
      'docs-api: the use case and its adapter import each other (the path starts where the cycle closes, not at http/server)',
      docsApi,
      ['application/publish-document', 'adapter-postgres/postgres-document-repository', 'application/publish-document'],
    ],
    ['a module that imports itself', { 'domain/slug': ['domain/slug'] }, ['domain/slug', 'domain/slug']],
    [
      'three modules round a loop, entered from outside it',
      {
        'http/import-route': ['application/import-crawl'],
        'application/import-crawl': ['application/crawl-translator'],
        'application/crawl-translator': ['application/document-factory'],
        'application/document-factory': ['application/import-crawl'],
      },
      ['application/import-crawl', 'application/crawl-translator', 'application/document-factory', 'application/import-crawl'],
    ],
    [
      'libraries and modules outside the graph are not part of it',
      {
        'adapter-redis/document-cache': ['ioredis', 'node:crypto', 'adapter-redis/cache-keys'],
        'adapter-redis/cache-keys': ['node:crypto', 'adapter-redis/document-cache'],
      },
      ['adapter-redis/document-cache', 'adapter-redis/cache-keys', 'adapter-redis/document-cache'],
    ],
    [
      'a cycle behind a diamond',
      {
        'http/server': ['application/publish-document', 'application/delete-document'],
        'application/publish-document': ['domain/document'],
        'application/delete-document': ['domain/document'],
        'domain/document': ['domain/version'],
        'domain/version': ['domain/document'],
      },
      ['domain/document', 'domain/version', 'domain/document'],
    ],
    [
      'two cycles: the first one met, walking modules in key order and imports in the order listed',
      {
        'application/publish-document': ['application/document-events', 'application/search-index'],
        'application/document-events': ['application/search-index'],
        'application/search-index': ['application/publish-document'],
      },
      ['application/publish-document', 'application/document-events', 'application/search-index', 'application/publish-document'],
    ],
  ])('%s', (_name, graph, cycle) => {
    expect(findCycle(graph)).toEqual(cycle);
  });

  it('does not change the graph it is given', () => {
    const graph = frozen({ 'domain/slug': ['domain/title'], 'domain/title': ['domain/slug', 'zod'] });
    expect(findCycle(graph)).toEqual(['domain/slug', 'domain/title', 'domain/slug']);
    expect(graph).toEqual({ 'domain/slug': ['domain/title'], 'domain/title': ['domain/slug', 'zod'] });
  });
});

describe('invertDependency', () => {
  const billing: Imports = {
    'http/app': ['application/send-invoice'],
    'application/send-invoice': ['domain/invoice', 'adapter-smtp/smtp-mailer'],
    'adapter-smtp/smtp-mailer': ['application/send-invoice', 'nodemailer'],
    'domain/invoice': [],
  };
  const mailerPort = { from: 'application/send-invoice', to: 'adapter-smtp/smtp-mailer', port: 'application/mailer.port', root: 'http/app' };

  it('the use case imports the port, the adapter implements it, the root wires both; nothing else changes', () => {
    expect(normalise(invertDependency(billing, mailerPort))).toEqual(
      normalise({
        'http/app': ['application/send-invoice', 'adapter-smtp/smtp-mailer'],
        'application/send-invoice': ['domain/invoice', 'application/mailer.port'],
        'application/mailer.port': [],
        'adapter-smtp/smtp-mailer': ['application/mailer.port', 'nodemailer'],
        'domain/invoice': [],
      }),
    );
  });

  it('breaks the cycle (rather than moving it)', () => {
    expect(findCycle(billing)).toEqual(['application/send-invoice', 'adapter-smtp/smtp-mailer', 'application/send-invoice']);
    expect(findCycle(invertDependency(billing, mailerPort))).toBeNull();
  });

  it('keeps the imports of a port that exists already, and imports nothing twice', () => {
    const graph: Imports = {
      'http/app': ['application/send-invoice', 'adapter-smtp/smtp-mailer'],
      'application/send-invoice': ['application/mailer.port', 'adapter-smtp/smtp-mailer'],
      'application/mailer.port': ['domain/invoice'],
      'adapter-smtp/smtp-mailer': ['application/send-invoice', 'application/mailer.port'],
      'domain/invoice': [],
    };
    expect(normalise(invertDependency(graph, mailerPort))).toEqual(
      normalise({
        'http/app': ['application/send-invoice', 'adapter-smtp/smtp-mailer'],
        'application/send-invoice': ['application/mailer.port'],
        'application/mailer.port': ['domain/invoice'],
        'adapter-smtp/smtp-mailer': ['application/mailer.port'],
        'domain/invoice': [],
      }),
    );
  });

  it('returns a new graph and leaves the one it is given as it was', () => {
    const graph = frozen(structuredClone(billing) as Imports);
    const after = invertDependency(graph, mailerPort);
    expect(after).not.toBe(graph);
    expect(graph).toEqual(billing);
  });

  it('refuses to invert a dependency that does not exist', () => {
    expect(() => invertDependency(billing, { ...mailerPort, from: 'http/app' })).toThrow(
      new Error('http/app does not import adapter-smtp/smtp-mailer: there is no dependency to invert'),
    );
  });

  it('refuses a port outside the package that uses it', () => {
    expect(() => invertDependency(billing, { ...mailerPort, port: 'adapter-smtp/mailer.port' })).toThrow(
      new Error('the port adapter-smtp/mailer.port belongs in application, the package that uses it, not in adapter-smtp'),
    );
  });
});

describe('docs-api: your docsApiFix', () => {
  it('leaves no cycle and every stage 4 layer rule green', () => {
    const after = invertDependency(docsApi, docsApiFix);
    expect({ cycle: findCycle(after), brokenRules: brokenRules(after) }).toEqual({ cycle: null, brokenRules: [] });
  });

  it('puts the port in the application, named *.port, and leaves the wiring of the adapter to http', () => {
    const after = invertDependency(docsApi, docsApiFix);
    const adapter = 'adapter-postgres/postgres-document-repository';
    expect({ portPackage: pkg(docsApiFix.port), portName: /\.port$/.test(docsApiFix.port) }).toEqual({ portPackage: 'application', portName: true });
    expect(Object.keys(after).filter((m) => after[m]!.includes(adapter)).map(pkg)).toEqual(['http']);
  });
});
