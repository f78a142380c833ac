import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'server/index': 'src/server/index.ts',
    'edge/index': 'src/edge/index.ts',
    'testing/index': 'src/testing/index.ts',
    'cli/index': 'src/cli/index.ts',
    // Optional: needs @goauthentik/api or @keycloak/keycloak-admin-client (peer dependencies).
    'adapters/directory/index': 'src/adapters/directory/index.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'neutral',
  dts: true,
  clean: true,
  splitting: true,
  sourcemap: true,
  treeshake: true,
  esbuildPlugins: [
    {
      // Vite understands `?raw` natively (tests); esbuild needs this to inline migration SQL.
      name: 'raw-text',
      setup(build) {
        build.onResolve({ filter: /\?raw$/ }, (args) => ({
          path: resolve(dirname(args.importer), args.path.replace(/\?raw$/, '')),
          namespace: 'raw-text',
        }));
        build.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
          contents: await readFile(args.path, 'utf8'),
          loader: 'text',
        }));
      },
    },
  ],
});
