import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'test/*/vitest.config.ts',
      // Every story rendered and tested in Chromium, and the stories' node-side checks.
      'stories/vitest.config.ts',
      'stories/vitest.node.config.ts',
    ],
  },
});
