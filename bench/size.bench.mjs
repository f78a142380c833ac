import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Gzipped browser bundle for AuthProvider + SignIn + useSession, React excluded, by esbuild. */
export async function sizeBench() {
  const result = await build({
    stdin: {
      contents: "export { AuthProvider, SignIn, useSession } from '@catalyst/react';",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  // Where the minified bytes come from, by package.
  const byPackage = new Map();
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const inModules = file.lastIndexOf('node_modules/');
    const pkg =
      inModules >= 0
        ? /^((?:@[^/]+\/)?[^/]+)/.exec(file.slice(inModules + 'node_modules/'.length))[1]
        : file.includes('packages/')
          ? `@catalyst/${file.split('packages/')[1].split('/')[0]}`
          : file;
    if (pkg === '<stdin>') continue;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + info.bytesInOutput);
  }
  return {
    title:
      'Browser bundle: AuthProvider + SignIn + useSession (react, react-dom excluded; esbuild, minified)',
    table: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([pkg, bytes]) => ({ package: pkg, 'minified bytes': bytes })),
    summary: [
      `total: ${code.length} B minified, ${gzip} B gzipped (${(gzip / 1024).toFixed(1)} KiB)`,
    ],
  };
}
