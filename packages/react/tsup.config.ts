import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// One output file per source file (no bundling), so each file's "use client" directive survives.
export default defineConfig({
  entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.test.ts', '!src/**/*.test.tsx'],
  format: ['esm'],
  bundle: false,
  dts: { entry: ['src/index.ts', 'src/swr.ts'] },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  esbuildOptions(options) {
    options.jsx = 'automatic';
  },
  // The optional theme ships as written (`@catalyst/react/styles.css`); no component imports it.
  async onSuccess() {
    await copyFile('src/styles.css', 'dist/styles.css');
  },
});
