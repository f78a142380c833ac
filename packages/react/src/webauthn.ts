import type { ClientError, Result, WebAuthnOptionsJSON } from '@catalyst/authkit';
import type * as WebAuthn from '@simplewebauthn/browser';

/**
 * The browser's side of a passkey, through `@simplewebauthn/browser`, imported only when a
 * passkey is used: the sign-in page's bundle does not carry it. A failed ceremony is a
 * `ClientError` with status 0 and the code `passkey_cancelled` (the prompt was closed or timed
 * out), `passkey_unsupported` or `passkey_failed`; the components say it in their words.
 */

export type CeremonyCode = 'passkey_cancelled' | 'passkey_unsupported' | 'passkey_failed';

const failed = (code: CeremonyCode, message: string): { ok: false; error: ClientError } => ({
  ok: false,
  error: { code: code as ClientError['code'], status: 0, message },
});

/** Whether this browser has WebAuthn at all (false on the server). */
export const supportsPasskeys = (): boolean =>
  typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

async function ceremony(
  run: (lib: typeof WebAuthn) => Promise<object>,
): Promise<Result<Record<string, unknown>>> {
  if (!supportsPasskeys()) return failed('passkey_unsupported', 'WebAuthn is not supported');
  try {
    const lib = await import('@simplewebauthn/browser');
    return { ok: true, data: { ...(await run(lib)) } };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    // NotAllowedError: the prompt was dismissed or timed out; AbortError: another ceremony began.
    return failed(
      name === 'NotAllowedError' || name === 'AbortError' ? 'passkey_cancelled' : 'passkey_failed',
      message,
    );
  }
}

/** `navigator.credentials.get` with the server's request options: the assertion as JSON. */
export function getPasskeyAssertion(
  options: WebAuthnOptionsJSON,
): Promise<Result<Record<string, unknown>>> {
  return ceremony((lib) =>
    lib.startAuthentication({
      optionsJSON: options as unknown as WebAuthn.PublicKeyCredentialRequestOptionsJSON,
    }),
  );
}

/** `navigator.credentials.create` with the server's creation options: the attestation as JSON. */
export function createPasskeyCredential(
  options: WebAuthnOptionsJSON,
): Promise<Result<Record<string, unknown>>> {
  return ceremony((lib) =>
    lib.startRegistration({
      optionsJSON: options as unknown as WebAuthn.PublicKeyCredentialCreationOptionsJSON,
    }),
  );
}

/** Asks the server for options, runs the ceremony, sends the answer: one passkey round trip. */
export async function withPasskey<T>(
  options: () => Promise<Result<WebAuthnOptionsJSON>>,
  ceremonyOf: (options: WebAuthnOptionsJSON) => Promise<Result<Record<string, unknown>>>,
  send: (response: Record<string, unknown>) => Promise<Result<T>>,
): Promise<Result<T>> {
  if (!supportsPasskeys()) return failed('passkey_unsupported', 'WebAuthn is not supported');
  const asked = await options();
  if (!asked.ok) return asked;
  const answered = await ceremonyOf(asked.data);
  if (!answered.ok) return answered;
  return send(answered.data);
}
