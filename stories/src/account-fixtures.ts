import { ada, currentSession } from './fixtures';
import type { Schemas, SessionPayload } from './handlers/api';

/* Account security (issue 11): second factors, passkeys and emailed links; fixed values. */

export type MfaChallengeFixture = Schemas['MfaChallenge'];
export type MfaStatusFixture = Schemas['MfaStatus'];
export type PasskeyFixture = Schemas['Passkey'];

/** The code the stories' server accepts (authenticator app, emailed code). */
export const GOOD_CODE = '123456';
export const GOOD_RECOVERY_CODE = 'K7QD-M2XW-P9TA';
/** Tokens the stories' server knows: a good link, one from another browser, an old one. */
export const GOOD_TOKEN = 'x2ZsL3e9cQkq0e9-5k1J0m7Lr4dF0aBcDeFgHiJkLmN';
export const OTHER_BROWSER_TOKEN = 'o9ThErBrOwSeR-5k1J0m7Lr4dF0aBcDeFgHiJkLmN0';
export const EXPIRED_TOKEN = 'eXpIrEd-x2ZsL3e9cQkq0e9-5k1J0m7Lr4dF0aBcDe';

export const challenge: MfaChallengeFixture = {
  mfaRequired: true,
  methods: ['totp', 'recovery_code'],
  enrolmentRequired: false,
  expiresAt: '2025-03-04T10:40:00.000Z',
};

export const passkeyChallenge: MfaChallengeFixture = {
  ...challenge,
  methods: ['totp', 'passkey', 'recovery_code'],
};

export const enrolmentChallenge: MfaChallengeFixture = {
  ...challenge,
  methods: [],
  enrolmentRequired: true,
};

export const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const totpEnrolment: Schemas['TotpEnrolment'] = {
  secret: totpSecret,
  uri: `otpauth://totp/Catalyst:ada%40example.com?issuer=Catalyst&secret=${totpSecret}&algorithm=SHA1&digits=6&period=30`,
};

export const recoveryCodes = [
  'K7QD-M2XW-P9TA',
  'B4NR-8ZLC-Q3VE',
  'H6WP-T1YK-D8MS',
  'F2XJ-R5GN-W7CB',
  'M9LA-C3QT-E6ZH',
  'P1VS-K8DW-N4RY',
  'T5GE-J2MB-X7LQ',
  'W3ZC-H9PA-S6KF',
  'Y8RD-F4NT-B2JV',
  'C6KM-Q1XE-L9WP',
];

export const newRecoveryCodes = recoveryCodes.map((code) => code.split('').reverse().join(''));

export const mfaStatus = (overrides: Partial<MfaStatusFixture> = {}): MfaStatusFixture => ({
  totp: { enabled: true, confirmedAt: '2025-02-01T09:00:00.000Z' },
  recoveryCodes: { remaining: 7 },
  passkeys: 0,
  required: false,
  methods: ['totp', 'recovery_code'],
  ...overrides,
});

export const laptopPasskey: PasskeyFixture = {
  id: 'pk_laptop',
  name: 'MacBook Touch ID',
  createdAt: '2025-02-01T09:00:00.000Z',
  lastUsedAt: '2025-03-04T10:30:00.000Z',
  deviceType: 'multiDevice',
  backedUp: true,
  transports: ['internal', 'hybrid'],
};

export const keyPasskey: PasskeyFixture = {
  id: 'pk_yubikey',
  name: 'YubiKey 5C',
  createdAt: '2025-02-10T14:00:00.000Z',
  lastUsedAt: null,
  deviceType: 'singleDevice',
  backedUp: false,
  transports: ['usb', 'nfc'],
};

/** Ada's session after a second factor (amr has `mfa`). */
export const mfaSession: SessionPayload = {
  user: ada,
  session: { ...currentSession, amr: ['pwd', 'otp', 'mfa'] },
  org: null,
};

/** Creation options for `startRegistration` (what `POST /me/passkeys/options` answers). */
export const creationOptions = {
  challenge: 'c3Rvcmllcy1jcmVhdGlvbi1jaGFsbGVuZ2U',
  rp: { name: 'Catalyst', id: 'localhost' },
  user: { id: 'dXNyX2FkYQ', name: 'ada@example.com', displayName: 'Ada Lovelace' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  timeout: 60000,
  attestation: 'none',
  excludeCredentials: [],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
};

/** Request options for `startAuthentication` (`POST /sign-in/passkey/options`). */
export const requestOptions = {
  challenge: 'c3Rvcmllcy1yZXF1ZXN0LWNoYWxsZW5nZQ',
  rpId: 'localhost',
  timeout: 60000,
  allowCredentials: [],
  userVerification: 'preferred',
};
