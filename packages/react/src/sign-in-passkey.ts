import type { AuthClient, ClientError, Result, SessionPayload } from '@catalyst/authkit';
import type { PasskeyCeremonyWords } from './security-words.js';
import { getPasskeyAssertion, withPasskey } from './webauthn.js';

/** The ceremony's default words: here, so the sign-in page's first load does not carry them. */
const CEREMONY: PasskeyCeremonyWords = {
  passkeyCancelled: 'The passkey request was cancelled or timed out.',
  passkeyUnsupported: 'This browser does not support passkeys.',
  passkeyFailed: 'The passkey could not be used.',
};

const WORD: Record<string, keyof PasskeyCeremonyWords> = {
  passkey_cancelled: 'passkeyCancelled',
  passkey_unsupported: 'passkeyUnsupported',
  passkey_failed: 'passkeyFailed',
};

/**
 * `<SignIn.Passkey>`'s flow, imported when the button is pressed: the server's options (a
 * discoverable credential: no email asked), the browser's prompt, then `POST /sign-in/passkey`.
 * A failed ceremony's message comes from `words` (the app's `localization.signIn`), else the
 * defaults above.
 */
export async function signInWithPasskey(
  client: AuthClient,
  words: Partial<PasskeyCeremonyWords>,
): Promise<Result<SessionPayload>> {
  const result = await withPasskey(
    () => client.passkeys.authenticationOptions(),
    getPasskeyAssertion,
    (response) => client.passkeys.signIn(response),
  );
  if (result.ok) return result;
  const key = WORD[result.error.code];
  const error: ClientError = key
    ? { ...result.error, message: words[key] ?? CEREMONY[key] }
    : result.error;
  return { ok: false, error };
}
