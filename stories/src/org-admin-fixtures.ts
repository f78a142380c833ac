import type { OrgDomain, OrgEntitlements } from '@catalyst/authkit';
import { acme, grace } from './fixtures';

/* Acme's domains and plan (issue 12): one domain verified, one waiting for its TXT record. */

const T0 = '2025-02-10T09:00:00.000Z';

/** The record the server asks for: `_catalyst-verify.<domain>` holding a random token. */
export const txtRecord = (domain: string, token: string): OrgDomain['verification'] => ({
  type: 'TXT',
  name: `_catalyst-verify.${domain}`,
  value: `catalyst-verify=${token}`,
});

export const verifiedDomain: OrgDomain = {
  id: 'dom_acme',
  orgId: acme.id,
  domain: 'acme.example',
  mode: 'auto_join',
  status: 'verified',
  verification: txtRecord('acme.example', 'd5Fq0mWcX2kLr8Tz'),
  verifiedAt: '2025-02-11T10:00:00.000Z',
  createdAt: T0,
};

export const pendingDomain: OrgDomain = {
  id: 'dom_labs',
  orgId: acme.id,
  domain: 'labs.acme.example',
  mode: 'suggest',
  status: 'pending',
  verification: txtRecord('labs.acme.example', 'Qm7vN1bP4sYh9KeA'),
  verifiedAt: null,
  createdAt: T0,
};

/** Acme is on `pro`; Grace has a beta feature on top (only managers see overrides). */
export const acmeEntitlements: OrgEntitlements = {
  plan: 'pro',
  entitlements: { features: ['audit-log', 'sso'], limits: { members: 50, 'api-keys': 20 } },
  overrides: [{ userId: grace.id, features: ['beta'], limits: {} }],
};

export const freeEntitlements: OrgEntitlements = {
  plan: null,
  entitlements: { features: [], limits: {} },
  overrides: [],
};
