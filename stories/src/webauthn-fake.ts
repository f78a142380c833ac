/**
 * A stand-in for the browser's passkey prompt in stories: `navigator.credentials.create` and
 * `.get` answer at once with a made-up credential (the MSW handlers do not verify it), or reject
 * the way a dismissed prompt does. `@simplewebauthn/browser` runs for real on top of it. Use as
 * a story's `beforeEach` (it returns the cleanup).
 */
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

function credential(kind: 'create' | 'get') {
  return {
    id: 'c3Rvcmllcy1jcmVkZW50aWFs',
    rawId: bytes('stories-credential'),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    getClientExtensionResults: () => ({}),
    response:
      kind === 'create'
        ? {
            clientDataJSON: bytes('{"type":"webauthn.create"}'),
            attestationObject: bytes('attestation'),
            getTransports: () => ['internal'],
          }
        : {
            clientDataJSON: bytes('{"type":"webauthn.get"}'),
            authenticatorData: bytes('authenticator-data'),
            signature: bytes('signature'),
            userHandle: bytes('usr_ada'),
          },
  };
}

export type PasskeyPrompt = 'accept' | 'dismiss' | 'unsupported';

export function fakePasskeyPrompt(outcome: PasskeyPrompt): () => void {
  const answer = (kind: 'create' | 'get') => async () => {
    if (outcome === 'dismiss')
      throw new DOMException(
        'The operation either timed out or was not allowed.',
        'NotAllowedError',
      );
    return credential(kind);
  };
  const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
  if (outcome === 'unsupported') {
    Object.defineProperty(window, 'PublicKeyCredential', { configurable: true, value: undefined });
  }
  Object.defineProperty(navigator, 'credentials', {
    configurable: true,
    value: { create: answer('create'), get: answer('get') },
  });
  return () => {
    delete (navigator as { credentials?: unknown }).credentials;
    if (saved) Object.defineProperty(window, 'PublicKeyCredential', saved);
  };
}
