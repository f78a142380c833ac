/**
 * "The caller's second factors changed": what `<TotpSetup>` says after it turns TOTP on, so the
 * hooks that cache `GET /me/mfa` reload it. It keeps TanStack Query out of `<TotpSetup>`, which
 * the sign-in page loads for an enrolment an org requires.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onSecondFactorsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function secondFactorsChanged(): void {
  for (const listener of listeners) listener();
}
