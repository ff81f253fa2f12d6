import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // CI asks for a JSON report beside the console output (.ci/run reads it for its summary line).
    reporters: process.env.LICAT_TEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.LICAT_TEST_JSON ? { json: process.env.LICAT_TEST_JSON } : undefined,
  },
});
