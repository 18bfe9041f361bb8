import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'integration', include: ['tenancy/**/*.test.ts', 'integration/**/*.test.ts', 'acceptance/**/*.test.ts'] } },
      // One browser at a time: the machine has two cores.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000, expect: { poll: { timeout: 10_000 } } } },
    ],
  },
});
