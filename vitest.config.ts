import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: files run in parallel, each with its own databases.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
