/** The house rules of DESIGN.md and STYLE.md as CI errors (`npm run deps:check`). */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core takes dates and data and returns data: it imports only src/core (no node:*, no libraries).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'no-store-tables-from-ui',
      comment: 'The CLI and the TUI call engines, never the store directly.',
      severity: 'error',
      from: { path: '^src/(cli|tui)/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'no-src-to-projects',
      comment: "roadmap checks the reference projects through their contract like any learner's project, never by importing their source: the verifier's fixtures live in src/verify/fixtures.",
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^projects/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
