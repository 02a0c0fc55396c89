import { defineConfig } from 'vitest/config';

// Projects: `unit` (next to the code; also run on Node 24 in CI), `content` (shipped katas, decks and
// curriculum, checked against the engine's rules), `e2e` (the built binary, tmux, browser), `verify` (the
// phase verifiers that run a reference's own CI, Stryker and scanners: minutes each, on Node 20 only), and each
// mini-project under projects/ with its own config.
export default defineConfig({
  test: {
    // Disposes test deps a test forgot and stops the processes its runner started (src/system/test-setup.ts).
    setupFiles: ['src/system/test-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: { name: 'content', include: ['test/content/**/*.test.ts', 'curriculum/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        // After everything else (groupOrder 1), alone: it runs a project's own CI, whose tests a busy pool slows.
        test: { name: 'verify', include: ['test/verify/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 120_000, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      // The mini-projects (npm workspaces) with their own configs: projects/scraper (phase 1).
      'projects/*/vitest.config.ts',
    ],
  },
});
