/**
 * The hexagon's layer rules as errors: `npx depcruise packages --config .dependency-cruiser.cjs` exits 1 on any
 * of them. The seven rules roadmap's verifier checks, by the same names, then two that keep imports honest.
 * `roadmap verify phase-3` runs its own copy of the seven with its own dependency-cruiser, not this file:
 * this file is for you, your CI and your pull requests.
 */
const notTest = '\\.(test|spec)\\.ts$';
const drivers = 'node_modules/(fastify|@fastify/|fastify-plugin|close-with-grace|pg|pg-[a-z-]+|kysely|ioredis|lru-cache)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can change, build or be tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing',
      severity: 'error',
      comment: 'The domain is the Document aggregate and its value objects: no library, no node:*, no other package.',
      from: { path: '^packages/domain/', pathNot: notTest },
      to: { pathNot: '^packages/domain/' },
    },
    {
      name: 'application-imports-domain-only',
      severity: 'error',
      comment: 'Use cases are written against their ports (ports/*.port.ts) and the domain, nothing else.',
      from: { path: '^packages/application/', pathNot: notTest },
      to: { pathNot: '^packages/(application|domain)/' },
    },
    {
      name: 'adapters-not-each-other',
      severity: 'error',
      comment: 'An adapter implements ports; it never reaches into another adapter ($1 is the adapter the import is from).',
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
      comment: 'http is the composition root: the one package that knows which adapter fills which port.',
      from: { path: '^packages/', pathNot: '^packages/(http|adapter-[^/]+)/' },
      to: { path: '^packages/adapter-' },
    },
    {
      name: 'no-framework-outside-adapters',
      severity: 'error',
      comment: 'fastify, pg, kysely, ioredis and their kin belong to the adapters and http.',
      from: { path: '^packages/', pathNot: '^packages/(http|adapter-[^/]+)/' },
      to: { path: drivers },
    },
    {
      name: 'packages-by-name-only',
      severity: 'error',
      comment: "Another package is imported by its name (@my-docs-api/domain), which goes through its exports; a relative path into its files bypasses them.",
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/', pathNot: '^packages/$1/', dependencyTypes: ['local'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing: a typo, a package not installed, or a sibling not declared.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // A package built with tsc -b has dist/*.js next to src: judge the source only. Anchored to packages/, because
    // '(^|/)dist/' would also drop every library whose entry is in its dist/ (kysely, lru-cache): unseen, unjudged.
    exclude: { path: '^packages/[^/]+/dist/' },
    // `import type` counts: a type-only import of kysely in the domain is still the domain knowing kysely.
    tsPreCompilationDeps: true,
    // The source condition first, as vitest resolves: @my-docs-api/domain is packages/domain/src/index.ts.
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['source', 'import', 'types', 'node', 'default'], exportsFields: ['exports'] },
  },
};
