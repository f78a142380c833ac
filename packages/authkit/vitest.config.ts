import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'authkit',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/postgres-global-setup.ts', './test/log-capture.global.ts'],
    setupFiles: ['./test/log-capture.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
