/**
 * The hexagon's rules as CI errors (`npm run deps:check -w @roadmap/docs-api`). `roadmap verify phase-3` checks
 * any target with its own copy of these rules (src/verify/phase-3/hexagon-rules.ts), not with this file.
 * Test files may import their test runner; everything else follows the layers.
 */
const notTest = '\\.test\\.ts$';
const drivers = 'node_modules/(fastify|@fastify|fastify-plugin|close-with-grace|pg|pg-[a-z]+|kysely|ioredis|redis|bullmq|lru-cache|jose|oidc-provider|prom-client)/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle makes two modules one: neither can change or be tested alone.', from: {}, to: { circular: true } },
    {
      name: 'domain-imports-nothing',
      severity: 'error',
      comment: 'The domain is the Document aggregate and its value objects: no framework, no driver, no node:* — only itself.',
      from: { path: '^packages/domain/', pathNot: notTest },
      to: { pathNot: '^packages/domain/' },
    },
    {
      name: 'application-imports-domain-only',
      severity: 'error',
      comment: 'Use cases are written against ports (ports/*.port.ts) and the domain, never against an adapter or a library.',
      from: { path: '^packages/application/', pathNot: notTest },
      to: { pathNot: '^packages/(application|domain)/' },
    },
    {
      name: 'adapters-not-each-other',
      severity: 'error',
      comment: 'An adapter implements ports; it never reaches into another adapter (the http app wires them).',
      from: { path: '^packages/(adapter-[^/]+)/' },
      to: { path: '^packages/adapter-', pathNot: '^packages/$1/' },
    },
    {
      name: 'adapters-point-inward',
      severity: 'error',
      comment: 'Adapters depend on the application and the domain, never on the app that wires them.',
      from: { path: '^packages/adapter-' },
      to: { path: '^packages/http/' },
    },
    {
      name: 'only-http-imports-adapters',
      severity: 'error',
      comment: 'The http app is the composition root: the only place that knows which adapter fills which port.',
      from: { path: '^packages/', pathNot: '^packages/(http|adapter-[^/]+)/' },
      to: { path: '^packages/adapter-' },
    },
    {
      name: 'no-framework-outside-adapters',
      severity: 'error',
      comment: 'fastify, pg, kysely, ioredis, bullmq, jose, oidc-provider, prom-client and their kin belong to the adapters and the http app.',
      from: { path: '^packages/', pathNot: '^packages/(http|adapter-[^/]+)/' },
      to: { path: drivers },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // The packages' own build output only: a library whose entry is under dist/ (kysely, lru-cache) stays seen.
    exclude: { path: "^packages/[^/]+/dist/" },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['source', 'import', 'types', 'default'], exportsFields: ['exports'] },
  },
};
