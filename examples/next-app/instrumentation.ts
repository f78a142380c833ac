// Runs once when the server starts: records each request's socket address for the auth routes'
// rate limits, registers the auth server configured in lib/authkit.ts (env + plans) before any
// request, and seeds the first admin so a fresh demo can be signed into.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { recordSocketAddress } = await import('@catalyst/next/instrumentation');
  recordSocketAddress();
  const { appAuthkit } = await import('./lib/authkit');
  appAuthkit();
  const { seedAdmin } = await import('./lib/seed-admin');
  await seedAdmin();
}
