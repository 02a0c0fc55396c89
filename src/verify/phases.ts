import type { PhaseVerifier } from './frame.js';

/** Phases with a verifier, loaded on demand. A new phase is one folder (src/verify/phase-N) and one line here. */
const VERIFIERS: Readonly<Record<number, () => Promise<PhaseVerifier>>> = {
  1: () => import('./phase-1/index.js').then((m) => m.phase1),
  2: () => import('./phase-2/index.js').then((m) => m.phase2),
  3: () => import('./phase-3/index.js').then((m) => m.phase3),
  4: () => import('./phase-4/index.js').then((m) => m.phase4),
};

export const VERIFIED_PHASES: readonly number[] = Object.keys(VERIFIERS).map(Number);

export function loadVerifier(phase: number): Promise<PhaseVerifier> | null {
  return VERIFIERS[phase]?.() ?? null;
}
