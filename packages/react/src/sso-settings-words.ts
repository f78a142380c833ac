/**
 * The words of `<SsoSettings>` and `<ClaimMappingEditor>` (an org's own provider, owners only),
 * overridable on `<AuthProvider localization={{ ssoSettings: { … }, claimMapping: { … } }}>`.
 * Their own module: the sign-in page and the other org components carry none of them.
 */

/** `localization.ssoSettings`: `<SsoSettings>`. */
export interface SsoSettingsWords {
  loading: string;
  /** No provider connected yet. */
  empty: string;
  /** Without an org (none given, none active). */
  noOrg: string;
  /** Not an owner: only owners hold `sso:manage`. */
  forbidden: string;
  /** Opens the form from the empty state. */
  connect: string;
  /** The form's heading (its accessible name), new and existing. */
  connectTitle: string;
  editTitle: string;
  name: string;
  nameHint: string;
  issuer: string;
  issuerHint: string;
  clientId: string;
  clientSecret: string;
  /** The stored secret is never shown: only whether there is one. */
  secretSet: string;
  secretNotSet: string;
  keepSecret: string;
  replaceSecret: string;
  removeSecret: string;
  newSecret: string;
  /** A new connection's secret field: blank is a public client. */
  secretHint: string;
  /** Replace was chosen without a new secret. */
  secretRequired: string;
  issuerRequired: string;
  clientIdRequired: string;
  scopes: string;
  scopesHint: string;
  defaultRole: string;
  defaultRoleHint: string;
  enabled: string;
  enabledHint: string;
  required: string;
  /** Said next to the "require" toggle, always: what it does to everyone at the domains. */
  requiredWarning: string;
  save: string;
  cancel: string;
  /** The connection's summary. */
  details: string;
  status: string;
  on: string;
  off: string;
  requiredOn: string;
  requiredOff: string;
  /** The redirect URI to register at the provider, and its copy button. */
  redirectUri: string;
  redirectUriHint: string;
  copy: string;
  copied: string;
  copyFailed: string;
  /** Disconnecting: the button, the confirmation's warning and button. */
  remove: string;
  removeWarning: string;
  confirmRemove: string;
  /** Announced after a save, and after disconnecting. */
  saved: string;
  removed: string;
}

export const SSO_SETTINGS_WORDS: SsoSettingsWords = {
  loading: 'Loading single sign-on…',
  empty: 'No identity provider is connected.',
  noOrg: 'No organization selected.',
  forbidden: "Only the organization's owners can manage single sign-on.",
  connect: 'Connect a provider',
  connectTitle: 'Connect an OpenID provider',
  editTitle: 'Provider settings',
  name: 'Button name',
  nameHint: 'Shown as "Continue with …" on the sign-in page.',
  issuer: 'Issuer URL',
  issuerHint: 'The https address your provider publishes its OpenID configuration under.',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  secretSet: 'A client secret is set.',
  secretNotSet: 'No client secret is set (a public client).',
  keepSecret: 'Keep the current secret',
  replaceSecret: 'Replace it',
  removeSecret: 'Remove it (public client)',
  newSecret: 'New client secret',
  secretHint: 'Leave blank for a public client (PKCE only).',
  secretRequired: 'Enter the new secret, or keep the current one.',
  issuerRequired: 'Enter the issuer URL.',
  clientIdRequired: 'Enter the client ID.',
  scopes: 'Scopes',
  scopesHint: 'Separated by spaces; must include openid.',
  defaultRole: 'Role of new members',
  defaultRoleHint: 'What someone who signs in for the first time gets (claim rules can add more).',
  enabled: 'Enabled',
  enabledHint: 'People at your verified domains can sign in with this provider.',
  required: 'Require single sign-on for our verified domains',
  requiredWarning:
    'Warning: everyone with an address at your verified domains will have to sign in through this provider. Their passwords, passkeys and other sign-in methods stop working, and sessions they opened another way end now. Check that the provider works before turning this on.',
  save: 'Save provider',
  cancel: 'Cancel',
  details: 'Connected provider',
  status: 'Status',
  on: 'Enabled',
  off: 'Disabled',
  requiredOn: 'Required for our verified domains',
  requiredOff: 'Optional (other sign-in methods still work)',
  redirectUri: 'Redirect URI',
  redirectUriHint: 'Register this redirect URI at your provider.',
  copy: 'Copy redirect URI',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the URI and copy it.',
  remove: 'Disconnect provider',
  removeWarning:
    'People will no longer be able to sign in through this provider; their accounts and memberships stay. The claim rules are deleted too.',
  confirmRemove: 'Disconnect',
  saved: 'Provider saved.',
  removed: 'Provider disconnected.',
};

/** `localization.claimMapping`: `<ClaimMappingEditor>`. */
export interface ClaimMappingWords {
  loading: string;
  /** No provider connected: nothing to map yet. */
  empty: string;
  noOrg: string;
  forbidden: string;
  /** The rule list's heading (the form's accessible name) and its empty text. */
  title: string;
  intro: string;
  noRules: string;
  /** `{n}` is the rule's number (1-based) in the labels below. */
  rule: string;
  claim: string;
  claimHint: string;
  value: string;
  roles: string;
  groups: string;
  noGroups: string;
  labels: string;
  newLabel: string;
  labelHint: string;
  addLabel: string;
  /** `{label}` is replaced. */
  removeLabel: string;
  addRule: string;
  removeRule: string;
  moveUp: string;
  moveDown: string;
  deprovision: string;
  deprovisionHint: string;
  save: string;
  discard: string;
  saved: string;
  /** The preview pane. */
  preview: string;
  previewHint: string;
  claims: string;
  runPreview: string;
  /** The claims are not a JSON object. */
  invalidJson: string;
  resultRoles: string;
  resultGroups: string;
  resultLabels: string;
  none: string;
  member: string;
  memberYes: string;
  memberNo: string;
  matched: string;
  matchedNone: string;
}

export const CLAIM_MAPPING_WORDS: ClaimMappingWords = {
  loading: 'Loading claim rules…',
  empty: 'Connect an identity provider first: claim rules apply to its sign-ins.',
  noOrg: 'No organization selected.',
  forbidden: "Only the organization's owners can manage claim rules.",
  title: 'Claim rules',
  intro:
    'At every sign-in through your provider, each rule whose claim matches grants its roles, groups and labels. What a rule stops granting is taken back at the next sign-in.',
  noRules: 'No rules yet: people get the default role only.',
  rule: 'Rule {n}',
  claim: 'Claim',
  claimHint: 'A claim name, or a dotted path such as realm_access.roles.',
  value: 'Equals (or contains)',
  roles: 'Roles',
  groups: 'Groups',
  noGroups: 'This organization has no groups.',
  labels: 'Labels',
  newLabel: 'New label',
  labelHint: 'key:value, for example team:eng',
  addLabel: 'Add label',
  removeLabel: 'Remove label {label}',
  addRule: 'Add rule',
  removeRule: 'Remove rule {n}',
  moveUp: 'Move rule {n} up',
  moveDown: 'Move rule {n} down',
  deprovision: 'Remove members who match no rule',
  deprovisionHint:
    'When on, someone whose sign-in matches none of the rules is taken out of the organization (owners never are). When off, they stay with the default role.',
  save: 'Save rules',
  discard: 'Discard changes',
  saved: 'Claim rules saved.',
  preview: 'Try the rules',
  previewHint:
    'Paste the claims of a sample sign-in (JSON): the rules above apply, unsaved changes included.',
  claims: 'Sample claims (JSON)',
  runPreview: 'Preview',
  invalidJson: 'Enter a JSON object, for example {"groups": ["engineering"]}.',
  resultRoles: 'Roles',
  resultGroups: 'Groups',
  resultLabels: 'Labels',
  none: 'None',
  member: 'Member',
  memberYes: 'Yes: they join or stay',
  memberNo: 'No: they would be removed (or not let in)',
  matched: 'Matching rules',
  matchedNone: 'No rule matches.',
};
