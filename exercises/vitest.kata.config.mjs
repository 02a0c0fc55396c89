// The vitest config for a learner's kata copy (roadmap kata check/watch run it with --root <the copy>).
export default {
  test: {
    include: ['*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
};
