// roadmap's own `npm run deps:check` and `verify phase-3` preload the hook that hands dependency-cruiser
// TypeScript 5.9; it lives with the reference project, which runs it in its own CI and must stand alone.
import '../projects/docs-api/scripts/typescript-5-hook.mjs';
