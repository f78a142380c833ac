/** An organisation (tenant) as the API shows it. */
export interface OrgProfile {
  logoUrl?: string;
  description?: string;
  website?: string;
  brandColors?: { primary?: string; secondary?: string };
  address?: {
    line1?: string;
    line2?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  };
  links?: Array<{ label: string; url: string }>;
}

export type OrgStatus = 'active' | 'deleted';

export interface Org {
  id: string;
  slug: string;
  name: string;
  status: OrgStatus;
  ownerId: string;
  profile: OrgProfile;
  settings: Record<string, unknown>;
  labels: string[];
  plan: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An org in the caller's own list, with the caller's roles in it. */
export interface MyOrg extends Org {
  roles: string[];
}

/** Slugs that would collide with app routes. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'app',
  'auth',
  'new',
  'settings',
  'me',
  'org',
  'orgs',
]);

/** 3–40 characters: lower-case letters, digits and inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/** A member of an org as the API shows it. */
export interface Member {
  userId: string;
  email: string;
  name: string | null;
  roles: string[];
  /** Ids of the org's groups the member is in. */
  groups: string[];
  labelsDelta: string[];
  createdAt: string;
  updatedAt: string;
}
