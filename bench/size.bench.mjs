import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// Measured from the built package (packages/react/dist, through this workspace's dependency), as
// an app's bundler would see it: browser build, minified, React left out, gzip level 9.
const resolveDir = fileURLToPath(new URL('.', import.meta.url));
const EXTERNAL = ['react', 'react-dom', 'react/jsx-runtime'];

/**
 * The budget for the sign-in page's first load: AuthProvider + SignIn + useSession (issue 7;
 * 7.25 KiB since issue 11 added the passkey button and the email-link option). What SignIn
 * brings in later through `import()` (second-factor steps, @simplewebauthn/browser, uqr) is
 * measured on its own row.
 */
const BUDGET = 7.25 * 1024;

/** Leaves `import()`ed modules out, as a bundler's code splitting does for the first load. */
const FIRST_LOAD = {
  name: 'first-load',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/** Each public entry point, imported alone. */
const ENTRIES = [
  ['SignIn', "export { SignIn } from '@catalyst/react';"],
  ['SignUp', "export { SignUp } from '@catalyst/react';"],
  ['SessionList', "export { SessionList } from '@catalyst/react';"],
  ['SignOutButton', "export { SignOutButton } from '@catalyst/react';"],
  ['SignedIn / SignedOut / Gate', "export { SignedIn, SignedOut, Gate } from '@catalyst/react';"],
  ['useSessions', "export { useSessions } from '@catalyst/react';"],
  ['AuthProvider', "export { AuthProvider } from '@catalyst/react';"],
  ['useSessions (/swr entry)', "export { useSessions } from '@catalyst/react/swr';"],
  ['TwoFactor', "export { TwoFactor } from '@catalyst/react';"],
  ['TotpSetup', "export { TotpSetup } from '@catalyst/react';"],
  ['PasskeyList', "export { PasskeyList } from '@catalyst/react';"],
  ['MagicLink', "export { MagicLink } from '@catalyst/react';"],
  ['ForgotPassword', "export { ForgotPassword } from '@catalyst/react';"],
  ['UserAdminPanel', "export { UserAdminPanel } from '@catalyst/react';"],
  ['OrgAdminPanel', "export { OrgAdminPanel } from '@catalyst/react';"],
  ['UserProfile', "export { UserProfile } from '@catalyst/react';"],
  ['UserProfileForm', "export { UserProfileForm } from '@catalyst/react';"],
  ['AvatarUploader', "export { AvatarUploader } from '@catalyst/react';"],
  ['LogoUploader', "export { LogoUploader } from '@catalyst/react';"],
  ['UserButton', "export { UserButton } from '@catalyst/react';"],
  ['DomainManager', "export { DomainManager } from '@catalyst/react';"],
  ['OrgPlanPanel', "export { OrgPlanPanel } from '@catalyst/react';"],
];

const SIGN_IN_PAGE = "export { AuthProvider, SignIn, useSession } from '@catalyst/react';";

/** The package an input file belongs to: `@scope/name` from node_modules, `@catalyst/<dir>` for ours. */
function packageOf(file) {
  const inModules = file.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    return /^((?:@[^/]+\/)?[^/]+)/.exec(file.slice(inModules + 'node_modules/'.length))[1];
  }
  if (file.includes('packages/')) return `@catalyst/${file.split('packages/')[1].split('/')[0]}`;
  return file;
}

async function bundle(stdin, { loader = 'js', lazy = false } = {}) {
  const result = await build({
    plugins: lazy ? [] : [FIRST_LOAD],
    stdin: { contents: stdin, resolveDir, loader },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: EXTERNAL,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  // Only the files that put bytes in the output: esbuild also lists modules it read and dropped.
  const byPackage = new Map();
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    if (file === '<stdin>' || info.bytesInOutput === 0) continue;
    const pkg = packageOf(file);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + info.bytesInOutput);
  }
  // Admin code is recognisable by the routes only it calls.
  const text = Buffer.from(code).toString('utf8');
  const admin = text.includes('/admin/users') || text.includes('/session/impersonation');
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, byPackage, admin };
}

/** `@radix-ui/react-slot` → `radix`: the table only needs to say which libraries come along. */
const shortName = (pkg) => /^@(radix-ui|tanstack)\//.exec(pkg)?.[1] ?? pkg;

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Gzipped browser size of each component and hook, and of the sign-in page against its budget. */
export async function sizeBench() {
  const perEntry = [];
  for (const [entry, contents] of ENTRIES) {
    const { minified, gzip, byPackage } = await bundle(contents);
    const packages = [...byPackage.keys()];
    perEntry.push({
      entry,
      'minified B': minified,
      'gzip B': gzip,
      'ours (min B)': packages
        .filter((p) => p.startsWith('@catalyst/'))
        .reduce((sum, p) => sum + byPackage.get(p), 0),
      'also pulls in': [
        ...new Set(packages.filter((p) => !p.startsWith('@catalyst/')).map(shortName)),
      ].join(', '),
    });
  }
  const css = await bundle("@import '@catalyst/react/styles.css';", { loader: 'css' });
  perEntry.push({
    entry: 'styles.css (optional theme)',
    'minified B': css.minified,
    'gzip B': css.gzip,
    'ours (min B)': css.minified,
    'also pulls in': '',
  });

  const page = await bundle(SIGN_IN_PAGE);
  const everything = await bundle(SIGN_IN_PAGE, { lazy: true });
  const verdict = page.gzip <= BUDGET ? 'within budget' : 'OVER BUDGET';
  return {
    title:
      'Browser bundle sizes from the built @catalyst/react (esbuild, minified, gzip -9; react, react-dom excluded)',
    tables: [
      {
        caption:
          'Each public entry point imported alone (a component still needs AuthProvider, its own row)',
        rows: perEntry,
      },
      {
        caption: 'AuthProvider + SignIn + useSession, minified bytes by package',
        rows: [...page.byPackage]
          .sort((a, b) => b[1] - a[1])
          .map(([pkg, bytes]) => ({ package: pkg, 'minified B': bytes })),
      },
    ],
    summary: [
      `AuthProvider + SignIn + useSession: ${page.minified} B minified, ${page.gzip} B gzipped (${kib(page.gzip)})`,
      `admin code (the /admin/users or impersonation calls) in the sign-in page: ${page.admin || everything.admin ? 'YES, a regression' : 'none, now or in what it loads later'}`,
      `budget: ${BUDGET} B gzipped (${kib(BUDGET)}): ${verdict}, ${BUDGET - page.gzip} B to spare` +
        ' (packages/react/test/budget.test.ts enforces it)',
      `and what SignIn may load later (second factor, passkeys, QR): ${everything.gzip} B gzipped with it all (${kib(everything.gzip)})`,
    ],
  };
}
