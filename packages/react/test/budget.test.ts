// @vitest-environment node
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

// Bundles the built package the way an app's bundler would, and checks what ends up in it.
// `pnpm bench` (bench/size.bench.mjs) prints the same numbers for every entry point.

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The sign-in page's code: AuthProvider + SignIn + useSession, gzipped (issue 7: 6 KiB), as the
 * page loads it: what `import()` brings later (the second-factor and emailed-link steps, the
 * passkey ceremony, `@simplewebauthn/browser`, `uqr`) is not counted. The client carries every
 * API namespace; the webhook and audit ones (issue 10) took it 21 B over 6 KiB, the account
 * ones (issue 11) 391 B more, and SignIn's passkey and emailed-link buttons and its step loader
 * 808 B (7364 B in all): 7.25 KiB until the namespaces tree-shake.
 */
const BUDGET = 7.25 * 1024;

/** The slice of esbuild's API used here (esbuild is the bench's dependency, not this package's). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{
    outputFiles: { contents: Uint8Array }[];
    metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  }>;
}
const esbuild = createRequire(new URL('../../../bench/package.json', import.meta.url))(
  'esbuild',
) as Esbuild;

/** Leaves every `import()` out of the bundle: code that loads later is not the page's. */
const LAZY = {
  name: 'dynamic-imports-stay-lazy',
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: {
        path: string;
        kind: string;
      }) => { path: string; external: true } | undefined,
    ): void;
  }) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * Bundles `contents` (resolved from dist/) for the browser; returns the files that put code in
 * it. Dynamic imports stay out unless `withLazy` (then everything the page may ever load is in).
 */
async function bundle(contents: string, withLazy = false) {
  const result = await esbuild.build({
    plugins: withLazy ? [] : [LAZY],
    stdin: { contents, resolveDir: dist, loader: 'js' },
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
  const output = Object.values(result.metafile.outputs)[0]!;
  // esbuild's metafile also lists modules it read and then dropped: keep only those with code.
  const files = Object.entries(output.inputs)
    .filter(([file, { bytesInOutput }]) => file !== '<stdin>' && bytesInOutput > 0)
    .map(([file]) => file.replaceAll('\\', '/'));
  const output0 = result.outputFiles[0]!.contents;
  return {
    files,
    gzip: gzipSync(output0, { level: 9 }).length,
    text: new TextDecoder().decode(output0),
  };
}

const ofOurs = (files: string[], pattern: RegExp) =>
  files.filter((file) => !file.includes('node_modules/') && pattern.test(file));

// Any other component's code, the data layer, and both query libraries.
const NOT_IN_SIGN_IN =
  /\/(session-list|use-sessions|sign-up|sign-out-button|control|swr|auth-provider|org-[a-z-]+|domain-manager[a-z-]*|create-org|member-list|invite-member|group-manager|role-manager|use-[a-z-]+|form-kit|role-words|sign-in-steps|sign-in-passkey|webauthn|two-factor|totp-setup|qr-code|recovery-codes[a-z-]*|passkey-[a-z-]+|magic-link[a-z-]*|forgot-password|reset-password|verify-email|email-verification-banner|account-[a-z-]+)\.js$|\/data\//;
/** The platform-administration components and their data layer. */
const ADMIN_FILES =
  /\/(admin-[a-z-]+|user-admin-panel|org-admin-[a-z-]+|use-admin-[a-z-]+|admin-client)\.js$/;
// Loaded only when a passkey or an authenticator-app enrolment is used.
const LAZY_LIBRARIES =
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(@simplewebauthn\/browser|uqr)\//;
const QUERY_LIBRARIES = /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(@tanstack\/|swr\/)/;

beforeAll(() => {
  if (!existsSync(`${dist}index.js`)) {
    throw new Error('dist/ is missing: run `pnpm build` before the tests');
  }
});

describe('bundle budgets (built package)', () => {
  it('importing SignIn alone pulls in no other component, no data layer and no TanStack Query', async () => {
    const { files } = await bundle("export { SignIn } from './index.js';");
    // Not vacuous: the form itself is there.
    expect(ofOurs(files, /\/sign-in\.js$/)).toHaveLength(1);
    expect(ofOurs(files, /\/credentials-form\.js$/)).toHaveLength(1);
    expect(ofOurs(files, NOT_IN_SIGN_IN)).toEqual([]);
    expect(files.filter((file) => QUERY_LIBRARIES.test(file))).toEqual([]);
  });

  it('importing SignIn, now or later, pulls in no admin code (issue 12)', async () => {
    for (const withLazy of [false, true]) {
      const { files, text } = await bundle("export { SignIn } from './index.js';", withLazy);
      expect(ofOurs(files, ADMIN_FILES)).toEqual([]);
      // The admin client lives in @catalyst/authkit: look for what only it sends.
      expect(text).not.toContain('/admin/users');
      expect(text).not.toContain('/session/impersonation');
    }
    // Not vacuous: the admin panel's own bundle does carry both.
    const panel = await bundle("export { UserAdminPanel } from './index.js';");
    expect(ofOurs(panel.files, ADMIN_FILES).length).toBeGreaterThan(0);
    expect(panel.text).toContain('/admin/users');
  });

  it('SignIn loads @simplewebauthn/browser, uqr and its later steps only through import()', async () => {
    const entry = "export { SignIn } from './index.js';";
    const { files } = await bundle(entry);
    expect(files.filter((file) => LAZY_LIBRARIES.test(file))).toEqual([]);
    // Not vacuous: they are reachable, later.
    const { files: eventually } = await bundle(entry, true);
    expect(eventually.filter((file) => LAZY_LIBRARIES.test(file)).length).toBeGreaterThanOrEqual(2);
    expect(
      ofOurs(eventually, /\/(two-factor|totp-setup|magic-link|sign-in-passkey)\.js$/),
    ).toHaveLength(4);
    expect(eventually.filter((file) => QUERY_LIBRARIES.test(file))).toEqual([]);
  });

  it.each([
    ['TwoFactor', /\/two-factor\.js$/],
    ['TotpSetup', /\/totp-setup\.js$/],
    ['MagicLink', /\/magic-link\.js$/],
    ['PasskeySetup', /\/passkey-setup\.js$/],
  ])('%s loads @simplewebauthn/browser and uqr only through import()', async (name, own) => {
    const { files } = await bundle(`export { ${name} } from './index.js';`);
    expect(ofOurs(files, own)).toHaveLength(1);
    expect(files.filter((file) => LAZY_LIBRARIES.test(file))).toEqual([]);
  });

  it.each([
    ['AuthProvider', 'AuthProvider'],
    ['SignUp', 'SignUp'],
    ['SignOutButton', 'SignOutButton'],
    ['SignedIn, SignedOut, Gate', 'SignedIn, SignedOut, Gate'],
    ['PlanGate', 'PlanGate'],
    ['useMembership, usePermission', 'useMembership, usePermission'],
    ['useSession', 'useSession, useUser, useAuthClient'],
  ])('%s loads no query library', async (_name, names) => {
    const { files } = await bundle(`export { ${names} } from './index.js';`);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => QUERY_LIBRARIES.test(file))).toEqual([]);
    expect(ofOurs(files, /\/data\/|\/use-sessions\.js$|\/session-list\.js$/)).toEqual([]);
  });

  it.each([
    [
      'OrgSwitcher',
      /\/org-switcher\.js$/,
      /\/(member-list|role-manager|group-manager|invite-member|org-profile-form)\.js$/,
    ],
    [
      'MemberList',
      /\/member-list\.js$/,
      /\/(org-switcher|create-org|role-manager|group-manager|invite-member)\.js$/,
    ],
    [
      'RoleManager',
      /\/role-manager\.js$/,
      /\/(org-switcher|member-list|group-manager|invite-member)\.js$/,
    ],
  ])('importing %s pulls in no other org component', async (name, own, others) => {
    const { files } = await bundle(`export { ${name} } from './index.js';`);
    expect(ofOurs(files, own)).toHaveLength(1);
    expect(ofOurs(files, others)).toEqual([]);
  });

  it(`keeps AuthProvider + SignIn + useSession within ${BUDGET} B gzipped`, async () => {
    const { gzip } = await bundle("export { AuthProvider, SignIn, useSession } from './index.js';");
    expect(gzip).toBeGreaterThan(1000); // the bundle really holds the components
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });
});
