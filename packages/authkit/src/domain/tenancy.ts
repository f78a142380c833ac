/** Tenancy resources as the API shows them: groups, roles, invitations, links, domains, requests. */
import type { Entitlements } from './entitlements.js';

/** A department or team inside an org; groups nest through `parentId`. */
export interface Group {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  parentId: string | null;
  /** Labels every member of the group receives (merged after the org's). */
  labels: string[];
  /** Org roles every member of the group receives while in it. */
  roles: string[];
  createdAt: string;
  updatedAt: string;
}

export interface GroupMember {
  groupId: string;
  userId: string;
  email: string;
  name: string | null;
  /** A role held only through this group (e.g. a team lead), or null. */
  role: string | null;
  createdAt: string;
}

/** A built-in or custom org role. */
export interface Role {
  name: string;
  description: string | null;
  permissions: string[];
  builtIn: boolean;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** An email invitation as the org's admins see it. The token only travels in the email. */
export interface Invitation {
  id: string;
  orgId: string;
  email: string;
  roles: string[];
  groups: string[];
  status: InvitationStatus;
  invitedBy: string;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}

/** A shareable, multi-use invite link. `token` and `url` appear once, in the create answer. */
export interface InviteLink {
  id: string;
  orgId: string;
  /** The first 8 characters of the token, to tell links apart. */
  start: string;
  roles: string[];
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  revokedAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface CreatedInviteLink extends InviteLink {
  token: string;
  url: string;
}

/** What a token holder may read before accepting (`GET /invitations/{token}`). */
export interface InvitationPreview {
  kind: 'email' | 'link';
  org: { id: string; slug: string; name: string; logoUrl: string | null };
  /** The invited address for email invitations; null for links. */
  email: string | null;
  roles: string[];
  expiresAt: string | null;
}

/** An invitation addressed to the caller's verified email (`GET /me/invitations`). */
export interface MyInvitation {
  id: string;
  org: { id: string; slug: string; name: string; logoUrl: string | null };
  roles: string[];
  invitedBy: { name: string | null };
  expiresAt: string;
}

export type DomainMode = 'auto_join' | 'suggest';

export interface OrgDomain {
  id: string;
  orgId: string;
  domain: string;
  mode: DomainMode;
  status: 'pending' | 'verified';
  /** The DNS TXT record that proves control of the domain. */
  verification: { type: 'TXT'; name: string; value: string };
  verifiedAt: string | null;
  createdAt: string;
}

/** An org whose verified domain matches the caller's email, offered in `OrgSwitcher`. */
export interface OrgSuggestion {
  org: { id: string; slug: string; name: string; logoUrl: string | null };
  domain: string;
  /** Whether the caller already asked to join. */
  requested: boolean;
}

export type MembershipRequestStatus = 'pending' | 'accepted' | 'rejected';

export interface MembershipRequest {
  id: string;
  orgId: string;
  userId: string;
  email: string;
  name: string | null;
  status: MembershipRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** Features and limits of an org's plan, with per-user overrides. */
export interface OrgEntitlements {
  plan: string | null;
  entitlements: Entitlements;
  /** Per-user overrides: `features` entries add (or `-feature` remove), `limits` replace. */
  overrides: Array<{
    userId: string;
    features: string[];
    limits: Record<string, number>;
  }>;
}
