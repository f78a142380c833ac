import { VerifyEmail } from '@catalyst/react';

/**
 * The page the verification email opens (`<CATALYST_BASE_URL>/verify-email?token=…`, the server's
 * `verifyEmailPath`). Public in proxy.ts: the link may be opened signed out, or in another browser.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className="card">
      <h1>Verify your email</h1>
      <VerifyEmail token={typeof token === 'string' ? token : ''} continueUrl="/dashboard" />
    </main>
  );
}
