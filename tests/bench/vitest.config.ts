import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The benchmark suite's checks (`pnpm --filter @concord/tests run bench:plans`): never part of `pnpm test`. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['plans.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
