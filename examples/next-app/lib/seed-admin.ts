import { appAuthkit } from './authkit';

/**
 * With no accounts yet, creates an admin from CATALYST_ADMIN_EMAIL / CATALYST_ADMIN_PASSWORD, or
 * with a generated password printed once to the console.
 */
export async function seedAdmin(): Promise<void> {
  const authkit = appAuthkit();
  if ((await authkit.api.countUsers()) > 0) return;
  const email = process.env.CATALYST_ADMIN_EMAIL ?? 'admin@example.com';
  const generated = !process.env.CATALYST_ADMIN_PASSWORD;
  const password =
    process.env.CATALYST_ADMIN_PASSWORD ??
    Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('base64url');
  await authkit.api.createUser({ email, password, name: 'Admin' });
  console.log(
    generated
      ? `\n  Seeded admin ${email} with password ${password}\n  (shown once; set CATALYST_ADMIN_PASSWORD to choose it)\n`
      : `\n  Seeded admin ${email}\n`,
  );
}
