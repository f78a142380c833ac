import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'install',
    environment: 'node',
    include: ['**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
