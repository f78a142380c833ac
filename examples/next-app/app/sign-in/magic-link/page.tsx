import { MagicLinkCallback } from '@catalyst/react';

/**
 * The page the sign-in email's link opens (`<CATALYST_BASE_URL>/sign-in/magic-link?token=…`, the
 * server's `magicLinkPath`). Public in proxy.ts. It checks the token once, asks for a second factor
 * if the account has one, then goes to the dashboard.
 */
export default async function MagicLinkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className="card">
      <h1>Sign in with a link</h1>
      <MagicLinkCallback
        token={typeof token === 'string' ? token : ''}
        fallbackRedirectUrl="/dashboard"
      />
    </main>
  );
}
