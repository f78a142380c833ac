import { ResetPassword } from '@catalyst/react';

/**
 * The page the reset email opens (`<CATALYST_BASE_URL>/reset-password?token=…`, the server's
 * `resetPasswordPath`). Public in proxy.ts. A new password signs out every session of the account.
 */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className="card">
      <h1>Reset your password</h1>
      <ResetPassword token={typeof token === 'string' ? token : ''} />
    </main>
  );
}
