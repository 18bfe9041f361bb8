import { defineConfig } from 'vitest/config';

// isolate: false (issue 14, item 8): a worker loads the package's modules once for all its test files instead of once
// per file (on 2 cores, loading them again for each file took most of this package's run). The files share no state
// through modules: none mocks a module, stubs the environment or globals, or fakes timers (check before adding one).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 300_000, passWithNoTests: false, isolate: false },
});
