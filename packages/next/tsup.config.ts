import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'proxy/index': 'src/proxy/index.ts',
    instrumentation: 'src/instrumentation.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: false,
  external: ['node:http', 'node:https', 'next', 'react', '@catalyst/authkit', '@catalyst/react'],
  esbuildOptions(options) {
    options.jsx = 'automatic';
  },
});
