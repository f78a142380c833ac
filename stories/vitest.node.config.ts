import { defineConfig } from 'vitest/config';

/** Node-side checks of the stories package (e.g. that src/api-types.ts is up to date). */
export default defineConfig({
  test: {
    name: 'stories-node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
