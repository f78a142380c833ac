/**
 * The words of `<OrgAdminPanel>`, `<DomainManager>` and `<OrgPlanPanel>`, overridable on
 * `<AuthProvider localization={{ orgAdminPanel: { … }, domainManager: { … }, orgPlanPanel: { … } }}>`.
 * Each component reads only its own set.
 */

/** The tabs of `<OrgAdminPanel>`, in their default order. */
export const ORG_ADMIN_TABS = [
  'profile',
  'members',
  'roles',
  'groups',
  'plan',
  'invitations',
  'domains',
  'sso',
  'directory',
  'keys',
  'webhooks',
  'audit',
] as const;

export type OrgAdminTab = (typeof ORG_ADMIN_TABS)[number];

export interface OrgAdminPanelWords extends Record<OrgAdminTab, string> {
  loading: string;
  forbidden: string;
  /** Without an org (none given, none active). */
  empty: string;
  /** The tab list's accessible name; `{org}` is replaced. */
  tabsLabel: string;
  /** Said when the caller is not a member and acts through a platform role. */
  platformAdmin: string;
  platformSupport: string;
  /** While a tab whose code loads when it opens (single sign-on, directory) is loading. */
  tabLoading: string;
}

export const ORG_ADMIN_WORDS: OrgAdminPanelWords = {
  loading: 'Loading the organization…',
  forbidden: 'You cannot administer this organization.',
  empty: 'No organization selected.',
  tabsLabel: 'Administration of {org}',
  platformAdmin: 'You are not a member: you act here as a platform admin.',
  platformSupport: 'You are not a member: platform support sees this organization read-only.',
  tabLoading: 'Loading…',
  profile: 'Profile',
  members: 'Members',
  roles: 'Roles',
  groups: 'Groups',
  plan: 'Plan',
  invitations: 'Invitations',
  domains: 'Domains',
  sso: 'Single sign-on',
  directory: 'Directory',
  keys: 'API keys',
  webhooks: 'Webhooks',
  audit: 'Audit log',
};

export interface DomainManagerWords {
  loading: string;
  empty: string;
  noOrg: string;
  forbidden: string;
  /** The add form's heading (its accessible name), field, mode picker and button. */
  addTitle: string;
  domain: string;
  mode: string;
  suggest: string;
  autoJoin: string;
  add: string;
  pending: string;
  verified: string;
  /** Before the TXT record; `{domain}` is replaced here and in the labels below. */
  publish: string;
  recordLabel: string;
  recordName: string;
  recordValue: string;
  copy: string;
  copied: string;
  copyFailed: string;
  verify: string;
  verifyLabel: string;
  /** Announced after a verification; `{domain}` is replaced. */
  verifiedNow: string;
  modeLabel: string;
  remove: string;
  removeLabel: string;
}

export const DOMAIN_WORDS: DomainManagerWords = {
  loading: 'Loading domains…',
  empty: 'No domains yet.',
  noOrg: 'No organization selected.',
  forbidden: 'You need the domains:manage permission to manage domains.',
  addTitle: 'Add a domain',
  domain: 'Domain',
  mode: 'People with an address there',
  suggest: 'See the organization and ask to join',
  autoJoin: 'Join automatically',
  add: 'Add domain',
  pending: 'Not verified',
  verified: 'Verified',
  publish: 'Publish this TXT record in the DNS of {domain}, then verify.',
  recordLabel: 'TXT record for {domain}',
  recordName: 'Name',
  recordValue: 'Value',
  copy: 'Copy value',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the value and copy it.',
  verify: 'Verify',
  verifyLabel: 'Verify {domain}',
  verifiedNow: '{domain} is verified.',
  modeLabel: 'Who joins through {domain}',
  remove: 'Remove',
  removeLabel: 'Remove {domain}',
};

export interface OrgPlanPanelWords {
  loading: string;
  /** Without an org (none given, none active). */
  empty: string;
  forbidden: string;
  plan: string;
  /** The org has no plan. */
  noPlan: string;
  features: string;
  noFeatures: string;
  limits: string;
  noLimits: string;
  labels: string;
  noLabels: string;
  /** The new-label field, its hint, the add button; `{label}` is replaced in `removeLabel`. */
  newLabel: string;
  labelHint: string;
  addLabel: string;
  removeLabel: string;
  /** Announced after the labels are saved. */
  saved: string;
  /** Per-member overrides (only those who manage entitlements see them). */
  overrides: string;
}

export const PLAN_WORDS: OrgPlanPanelWords = {
  loading: 'Loading the plan…',
  empty: 'No organization selected.',
  forbidden: 'You cannot see the plan of this organization.',
  plan: 'Plan',
  noPlan: 'No plan',
  features: 'Features',
  noFeatures: 'No features.',
  limits: 'Limits',
  noLimits: 'No limits.',
  labels: 'Labels',
  noLabels: 'No labels.',
  newLabel: 'New label',
  labelHint: 'key:value, for example region:eu',
  addLabel: 'Add label',
  removeLabel: 'Remove {label}',
  saved: 'Labels saved.',
  overrides: 'Member overrides',
};
