import { defineConfig } from 'vitest/config';

/** Tests that need neither Postgres nor Redis: pure parts, fakes, aws-sdk-client-mock at the AWS edge. */
const UNIT = 'test/**/*.unit.test.ts';

// Two tiers, by file name: `*.unit.test.ts` runs with no services (`npm run test:unit`); every other
// `*.test.ts` gets this run's test databases (global setup) and its worker's migrated database.
// `npm test` runs both.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: [UNIT] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [UNIT],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/worker-database.ts'],
        },
      },
    ],
  },
});
