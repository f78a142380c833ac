import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'forward-auth',
    environment: 'node',
    include: ['**/*.test.ts'],
    // Real Caddy, nginx and an auth server per suite: generous, and one file at a time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
