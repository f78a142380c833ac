import type {
  ApiKey,
  CreatedInviteLink,
  EffectiveIdentity,
  Group,
  GroupMember,
  Invitation,
  Member,
  MyInvitation,
  MyOrg,
  OrgSuggestion,
  Role,
  ScopeOption,
} from '@catalyst/authkit';
import type { Session, SessionPayload, User } from './handlers/api';

/** Fixed data, so every run (and every screenshot) renders the same thing. */
export const ada: User = {
  id: 'usr_ada',
  email: 'ada@example.com',
  emailVerified: true,
  name: 'Ada Lovelace',
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
};

export const currentSession: Session = {
  id: 'ses_current',
  userId: ada.id,
  createdAt: '2025-03-01T08:00:00.000Z',
  lastSeenAt: '2025-03-04T10:30:00.000Z',
  expiresAt: '2025-04-01T08:00:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Firefox/128.0',
  device: 'Firefox on macOS',
  amr: ['pwd'],
  authTime: '2025-03-04T10:30:00.000Z',
  current: true,
};

export const otherSessions: Session[] = [
  {
    id: 'ses_phone',
    userId: ada.id,
    createdAt: '2025-02-20T18:00:00.000Z',
    lastSeenAt: '2025-03-03T21:15:00.000Z',
    expiresAt: '2025-03-22T18:00:00.000Z',
    ip: '198.51.100.23',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1',
    device: 'Safari on iPhone',
    amr: ['pwd', 'otp', 'mfa'],
    authTime: '2025-02-20T18:00:00.000Z',
    current: false,
  },
  {
    id: 'ses_unknown',
    userId: ada.id,
    createdAt: '2025-02-01T12:00:00.000Z',
    lastSeenAt: '2025-02-02T12:00:00.000Z',
    expiresAt: '2025-03-03T12:00:00.000Z',
    ip: null,
    userAgent: null,
    device: null,
    amr: ['hwk'],
    authTime: '2025-02-01T12:00:00.000Z',
    current: false,
  },
];

export function sessionPayload(
  user: User = ada,
  session: Session = currentSession,
  org: SessionPayload['org'] = null,
) {
  return { user, session, org } satisfies SessionPayload;
}

/* Orgs (issue 8): Ada owns Acme, is a member of Globex; Grace and Alan are Acme's other members. */

type ActiveOrg = NonNullable<SessionPayload['org']>;

const T0 = '2025-02-01T09:00:00.000Z';

export const grace: User = {
  id: 'usr_grace',
  email: 'grace@example.com',
  emailVerified: true,
  name: 'Grace Hopper',
  createdAt: T0,
  updatedAt: T0,
};

export const acme: MyOrg = {
  id: 'org_acme',
  slug: 'acme',
  name: 'Acme Inc',
  status: 'active',
  ownerId: ada.id,
  profile: {
    logoUrl: 'https://acme.example/logo.png',
    description: 'Engines, analytical and otherwise.',
    website: 'https://acme.example',
    brandColors: { primary: '#3b5bdb', secondary: '#12b886' },
    address: { line1: '1 Engine Row', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
    links: [{ label: 'Blog', url: 'https://acme.example/blog' }],
  },
  settings: {},
  labels: ['region:eu'],
  plan: 'pro',
  createdAt: T0,
  updatedAt: T0,
  roles: ['owner'],
};

export const globex: MyOrg = {
  ...acme,
  id: 'org_globex',
  slug: 'globex',
  name: 'Globex',
  ownerId: grace.id,
  profile: {},
  labels: [],
  plan: null,
  roles: ['member'],
};

export const initech: MyOrg = { ...globex, id: 'org_initech', slug: 'initech', name: 'Initech' };

const OWNER_PERMISSIONS = ['*'];
const ADMIN_PERMISSIONS = [
  'audit:read',
  'domains:manage',
  'entitlements:manage',
  'groups:manage',
  'invitations:manage',
  'keys:manage',
  'labels:manage',
  'members:manage',
  'members:read',
  'org:read',
  'org:update',
  'roles:manage',
  'webhooks:manage',
];
const MEMBER_PERMISSIONS = ['members:read', 'org:read'];

/** The session's view of an org, for a caller holding `roles` in it. */
export function activeOrg(org: MyOrg, roles: string[] = org.roles): ActiveOrg {
  const permissions = roles.includes('owner')
    ? OWNER_PERMISSIONS
    : roles.includes('admin')
      ? ADMIN_PERMISSIONS
      : MEMBER_PERMISSIONS;
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    roles,
    permissions,
    groups: [],
    labels: [...org.labels, ...(org.plan ? [`plan:${org.plan}`] : [])],
    plan: org.plan,
    features: org.plan === 'pro' ? ['sso', 'audit-log'] : [],
  };
}

/** Ada in Acme as its owner, an admin, or a plain member (what the permission stories switch). */
export const acmeAs = {
  owner: activeOrg(acme, ['owner']),
  admin: activeOrg(acme, ['admin']),
  member: activeOrg(acme, ['member']),
};

export const engineering: Group = {
  id: 'grp_engineering',
  orgId: acme.id,
  name: 'Engineering',
  description: 'Builds the engines',
  parentId: null,
  labels: [],
  roles: [],
  createdAt: T0,
  updatedAt: T0,
};

export const design: Group = {
  ...engineering,
  id: 'grp_design',
  name: 'Design',
  description: null,
};

export const members: Member[] = [
  {
    userId: ada.id,
    email: ada.email,
    name: ada.name,
    roles: ['owner'],
    groups: [engineering.id],
    labelsDelta: [],
    createdAt: T0,
    updatedAt: T0,
  },
  {
    userId: grace.id,
    email: grace.email,
    name: grace.name,
    roles: ['admin'],
    groups: [engineering.id, design.id],
    labelsDelta: [],
    createdAt: T0,
    updatedAt: T0,
  },
  {
    userId: 'usr_alan',
    email: 'alan@example.com',
    name: null,
    roles: ['member'],
    groups: [],
    labelsDelta: [],
    createdAt: T0,
    updatedAt: T0,
  },
];

export const groupMembers: GroupMember[] = members
  .filter((member) => member.groups.includes(engineering.id))
  .map((member) => ({
    groupId: engineering.id,
    userId: member.userId,
    email: member.email,
    name: member.name,
    role: null,
    createdAt: T0,
  }));

export const builtInRoles: Role[] = [
  { name: 'owner', description: null, permissions: OWNER_PERMISSIONS, builtIn: true },
  { name: 'admin', description: null, permissions: ADMIN_PERMISSIONS, builtIn: true },
  { name: 'member', description: null, permissions: MEMBER_PERMISSIONS, builtIn: true },
];

export const billingRole: Role = {
  name: 'billing',
  description: 'Sees invoices and the audit log',
  permissions: ['audit:read', 'org:read'],
  builtIn: false,
};

export const invitation: Invitation = {
  id: 'inv_1',
  orgId: acme.id,
  email: 'new@example.com',
  roles: ['member'],
  groups: [],
  status: 'pending',
  invitedBy: ada.id,
  expiresAt: '2025-03-08T09:00:00.000Z',
  acceptedAt: null,
  createdAt: T0,
};

export const inviteLink: CreatedInviteLink = {
  id: 'invl_1',
  orgId: acme.id,
  start: 'k3Jd9QaZ',
  roles: ['member'],
  maxUses: 10,
  uses: 0,
  expiresAt: '2025-03-08T09:00:00.000Z',
  revokedAt: null,
  createdBy: ada.id,
  createdAt: T0,
  token: 'k3Jd9QaZp1Lr8VwXy2Tq5Nm7Bc4Hf6Gs0Ej',
  url: 'https://app.example/invitations/accept?token=k3Jd9QaZp1Lr8VwXy2Tq5Nm7Bc4Hf6Gs0Ej',
};

const card = (org: MyOrg) => ({ id: org.id, slug: org.slug, name: org.name, logoUrl: null });

export const myInvitations: MyInvitation[] = [
  {
    id: 'inv_initech',
    org: card(initech),
    roles: ['member'],
    invitedBy: { name: 'Bill Lumbergh' },
    expiresAt: '2025-03-08T09:00:00.000Z',
  },
];

export const orgSuggestions: OrgSuggestion[] = [
  {
    org: { id: 'org_hooli', slug: 'hooli', name: 'Hooli', logoUrl: null },
    domain: 'example.com',
    requested: false,
  },
];

export const effectiveIdentity: EffectiveIdentity = {
  userId: ada.id,
  orgId: acme.id,
  roles: ['owner'],
  permissions: ['*'],
  groups: [engineering.id],
  labels: ['plan:pro', 'region:eu'],
  plan: 'pro',
  entitlements: { features: ['audit-log', 'sso'], limits: { seats: 50 } },
};

/* API keys (issue 9): Ada's own keys; secrets are fixed so runs are repeatable. */

export const ciKey: ApiKey = {
  id: 'key_ci',
  name: 'CI deploy',
  start: 'ck_live_Q3vL9xTa',
  owner: { type: 'user', id: ada.id },
  scopes: ['reports:read'],
  labels: [],
  status: 'active',
  expiresAt: '2025-06-01T00:00:00.000Z',
  createdAt: T0,
  createdBy: ada.id,
  lastUsedAt: '2025-03-03T21:15:00.000Z',
  revokedAt: null,
  revokedReason: null,
  rateLimit: null,
  remaining: null,
  refill: null,
  ephemeral: false,
  previousSecretExpiresAt: null,
};

export const reportsKey: ApiKey = {
  ...ciKey,
  id: 'key_reports',
  name: 'Reports export',
  start: 'ck_live_m2Rk7PzW',
  scopes: ['reports:read', 'reports:write'],
  expiresAt: null,
  createdAt: '2025-02-10T09:00:00.000Z',
  lastUsedAt: null,
};

export const revokedKey: ApiKey = {
  ...ciKey,
  id: 'key_laptop',
  name: 'Old laptop',
  start: 'ck_live_b8Nc4Ye1',
  status: 'revoked',
  revokedAt: '2025-02-20T12:00:00.000Z',
  revokedReason: 'Laptop was replaced',
};

/** The scopes Ada may put on her keys: `billing:read` needs a label she does not have. */
export const keyScopes: ScopeOption[] = [
  { name: 'reports:read', description: 'Read reports', source: 'app', held: true },
  { name: 'reports:write', description: null, source: 'app', held: true },
  { name: 'billing:read', description: 'Invoices', source: 'app', held: false },
];

/** The secret every issued or rolled key gets in the stories (shown once). */
export const issuedSecret = 'ck_live_Zp4QeT7uVn2Lk9Xw3Rb6Hs1Ya8Mc5Dg0Jf_Ei-UoAbc';
export const rolledSecret = 'ck_live_Hq8WnC3vRt6Yp1Ls4Xk9Bz2Mj7Gd5Fa0Ue_Ti-NoXyz';
