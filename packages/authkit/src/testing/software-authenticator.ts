/**
 * A software passkey for tests (Node, or happy-dom which has no WebAuthn): it answers the
 * server's real creation and request options the way `@simplewebauthn/browser` would hand them
 * back (`none` attestation, ES256, user verified), so the server verifies them for real. Mock
 * `@simplewebauthn/browser` with its `startRegistration` / `startAuthentication`.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  count: number;
}

export interface SoftwareAuthenticator {
  /** `startRegistration` of `@simplewebauthn/browser`. */
  startRegistration(input: {
    optionsJSON: Record<string, unknown>;
  }): Promise<Record<string, unknown>>;
  /** `startAuthentication` of `@simplewebauthn/browser`. */
  startAuthentication(input: {
    optionsJSON: Record<string, unknown>;
  }): Promise<Record<string, unknown>>;
  credentials: Credential[];
}

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export function softwareAuthenticator(origin: string): SoftwareAuthenticator {
  const credentials: Credential[] = [];
  return {
    credentials,
    async startRegistration({ optionsJSON }) {
      const options = optionsJSON as {
        challenge: string;
        rp: { id?: string };
        user: { id: string };
      };
      const rpId = options.rp.id ?? new URL(origin).hostname;
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const id = randomBytes(16);
      const coseKey = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ]),
      );
      const idLength = Buffer.from([id.length >> 8, id.length & 255]);
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([UP | UV | AT]),
        Buffer.alloc(4),
        Buffer.alloc(16), // AAGUID
        idLength,
        id,
        coseKey,
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', authData],
        ]),
      );
      const clientDataJSON = JSON.stringify({
        type: 'webauthn.create',
        challenge: options.challenge,
        origin,
        crossOrigin: false,
      });
      credentials.push({ id, privateKey, rpId, userHandle: options.user.id, count: 0 });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(Buffer.from(clientDataJSON)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
          publicKeyAlgorithm: -7,
        },
      };
    },
    async startAuthentication({ optionsJSON }) {
      const options = optionsJSON as { challenge: string; allowCredentials?: { id: string }[] };
      const allowed = options.allowCredentials?.map((c) => c.id);
      const credential = credentials.find(
        (c) => !allowed?.length || allowed.includes(b64url(c.id)),
      );
      if (!credential) {
        const error = new Error('no credential for this site');
        error.name = 'NotAllowedError';
        throw error;
      }
      credential.count += 1;
      const count = Buffer.alloc(4);
      count.writeUInt32BE(credential.count);
      const authenticatorData = Buffer.concat([
        sha256(credential.rpId),
        Buffer.from([UP | UV]),
        count,
      ]);
      const clientDataJSON = Buffer.from(
        JSON.stringify({
          type: 'webauthn.get',
          challenge: options.challenge,
          origin,
          crossOrigin: false,
        }),
      );
      const signature = sign(
        'sha256',
        Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
        credential.privateKey,
      );
      return {
        id: b64url(credential.id),
        rawId: b64url(credential.id),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientDataJSON),
          authenticatorData: b64url(authenticatorData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
      };
    },
  };
}
