import { defineConfig } from 'vitest/config';
import SlowestFirst from './support/sequencer.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // The slowest files start first (issue 14, item 8): see support/sequencer.ts.
    sequence: { sequencer: SlowestFirst },
    projects: [
      // Vitest's default on a 2-core machine is one worker (cores − 1): files would run one after another.
      // Each file has a database of its own, so two (or CONCORD_TEST_WORKERS) run side by side.
      // isolate: false (issue 14, item 8): a worker keeps the modules it has loaded (@concord/api and the rest,
      // about 2 s per file to import and evaluate) from one test file to the next instead of loading them
      // again for every file. Files share no state through them: each opens a database of its own, and no
      // file mocks a module, stubs the environment or fakes timers (check before adding one that does).
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tenancy/**/*.test.ts', 'integration/**/*.test.ts', 'acceptance/**/*.test.ts'],
          maxWorkers: Number(process.env.CONCORD_TEST_WORKERS) || 2,
          isolate: false,
          globalSetup: ['support/global-setup.ts'],
          setupFiles: ['support/cheap-passwords.ts'],
        },
      },
      // One browser at a time: the machine has two cores.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000, expect: { poll: { timeout: 10_000 } } } },
    ],
  },
});
