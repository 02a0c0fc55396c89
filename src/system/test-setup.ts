// vitest setup file (vitest.config.ts): after each test file, whatever its tests started and did not stop is
// stopped, so a failing assertion never leaves a process or a temp folder behind.
import { afterAll } from 'vitest';
import { currentLifecycle } from './lifecycle.js';
import { disposeForgottenTestDeps } from './test-deps.js';

afterAll(async () => {
  await disposeForgottenTestDeps();
  // Process groups started by a runner that was not handed a lifecycle (`execaRunner()` in a test).
  await currentLifecycle().runCleanups();
});
