/**
 * The words of `<DirectorySettings>` (an org's directory sync, owners only), overridable on
 * `<AuthProvider localization={{ directorySettings: { … } }}>`. Their own module: no other
 * component carries them.
 */

/** `localization.directorySettings`: `<DirectorySettings>`. */
export interface DirectorySettingsWords {
  loading: string;
  /** No directory connected yet (the connect form follows). */
  empty: string;
  /** Without an org (none given, none active). */
  noOrg: string;
  /** Not an owner: only owners hold `directory:manage`. */
  forbidden: string;
  /** Reloads after loading failed. */
  retry: string;
  /** The form's heading (its accessible name), new and existing. */
  connectTitle: string;
  editTitle: string;
  provider: string;
  authentik: string;
  keycloak: string;
  baseUrl: string;
  baseUrlHint: string;
  realm: string;
  clientId: string;
  clientIdHint: string;
  /** The credential's label: Authentik's API token, Keycloak's client secret. */
  apiToken: string;
  clientSecret: string;
  /** Under a new connection's credential. */
  credentialHint: string;
  /** Under a saved connection's credential: it is set, and blank keeps it. */
  credentialSet: string;
  baseUrlRequired: string;
  realmRequired: string;
  clientIdRequired: string;
  /** No credential where one is needed (a new directory, a new address or client). */
  tokenRequired: string;
  secretRequired: string;
  defaultRole: string;
  defaultRoleHint: string;
  /** The schedule picker and its choices; `{minutes}` is replaced in `everyMinutes`. */
  schedule: string;
  onDemand: string;
  every15: string;
  hourly: string;
  every6Hours: string;
  daily: string;
  everyMinutes: string;
  deprovision: string;
  deprovisionHint: string;
  enabled: string;
  enabledHint: string;
  /** Submit: a new connection, a saved one. */
  connect: string;
  save: string;
  /** The sync status group: its name, the last run's rows, the next run. */
  status: string;
  lastRun: string;
  neverRun: string;
  running: string;
  succeeded: string;
  failed: string;
  /** `{status}` and `{trigger}` are replaced; the time follows. */
  runLine: string;
  triggerSchedule: string;
  triggerManual: string;
  /** What the run did (the summary's term). */
  result: string;
  /** `{joined}`, `{removed}`, `{skipped}` are replaced; `groupsSummary` follows when groups changed. */
  runSummary: string;
  /** `{changes}` is replaced by the non-zero `groupsCreated`… parts, joined by commas. */
  groupsSummary: string;
  groupsCreated: string;
  groupsUpdated: string;
  groupsDeleted: string;
  groupConflicts: string;
  /** The skipped users' reasons: the list's name, then one word per reason (`{n}` follows). */
  skippedTitle: string;
  skipInactive: string;
  skipNoEmail: string;
  skipOutsideDomains: string;
  skipUnverifiedAccount: string;
  skipOperator: string;
  skipDuplicateEmail: string;
  skipLinkedElsewhere: string;
  skipMemberLimit: string;
  /** A failed run: `{message}` and `{code}` are replaced. */
  runError: string;
  nextRun: string;
  /** No next run: on demand only, or switched off. */
  notScheduled: string;
  switchedOff: string;
  syncNow: string;
  syncing: string;
  /** Why "Sync now" is disabled while the directory is switched off. */
  syncDisabled: string;
  /** "Sync now" failed: another run is going (409), or the directory could not be read (502). */
  syncInProgress: string;
  /** `{detail}` is the server's reason (`authentik answered HTTP 401`). */
  syncUnavailable: string;
  /** Disconnecting: the button, the confirmation's warning and buttons. */
  remove: string;
  removeWarning: string;
  confirmRemove: string;
  cancel: string;
  /** Announced after connecting, saving, a sync, and disconnecting. */
  connected: string;
  saved: string;
  synced: string;
  removed: string;
}

export const DIRECTORY_SETTINGS_WORDS: DirectorySettingsWords = {
  loading: 'Loading directory sync…',
  empty: 'No directory is connected.',
  noOrg: 'No organization selected.',
  forbidden: "Only the organization's owners can manage directory sync.",
  retry: 'Try again',
  connectTitle: 'Connect a directory',
  editTitle: 'Directory settings',
  provider: 'Directory',
  authentik: 'Authentik',
  keycloak: 'Keycloak',
  baseUrl: 'Base URL',
  baseUrlHint: 'The https address of your server, for example https://auth.example.com.',
  realm: 'Realm',
  clientId: 'Client ID',
  clientIdHint: 'A confidential client whose service account may view users.',
  apiToken: 'API token',
  clientSecret: 'Client secret',
  credentialHint: 'Stored encrypted; it is never shown again.',
  credentialSet: 'Set. Leave blank to keep it.',
  baseUrlRequired: 'Enter the base URL.',
  realmRequired: 'Enter the realm.',
  clientIdRequired: 'Enter the client ID.',
  tokenRequired: 'Enter the API token: a new directory or address needs it.',
  secretRequired: 'Enter the client secret: a new directory, address or client needs it.',
  defaultRole: 'Role of new members',
  defaultRoleHint: 'What someone the directory adds to the organization gets.',
  schedule: 'Sync schedule',
  onDemand: 'On demand only',
  every15: 'Every 15 minutes',
  hourly: 'Every hour',
  every6Hours: 'Every 6 hours',
  daily: 'Every day',
  everyMinutes: 'Every {minutes} minutes',
  deprovision: 'Remove members the directory drops or disables',
  deprovisionHint: 'Owners are never removed. When off, they stay with their roles.',
  enabled: 'Enabled',
  enabledHint: 'When off, no sync runs, scheduled or on demand.',
  connect: 'Connect directory',
  save: 'Save',
  status: 'Sync status',
  lastRun: 'Last run',
  neverRun: 'Not synced yet.',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  runLine: '{status} ({trigger})',
  triggerSchedule: 'scheduled',
  triggerManual: 'on demand',
  result: 'Result',
  runSummary: '{joined} joined, {removed} removed, {skipped} skipped',
  groupsSummary: 'groups: {changes}',
  groupsCreated: '{n} created',
  groupsUpdated: '{n} updated',
  groupsDeleted: '{n} deleted',
  groupConflicts: '{n} not mirrored (name taken)',
  skippedTitle: 'Skipped',
  skipInactive: 'Disabled in the directory',
  skipNoEmail: 'No email address',
  skipOutsideDomains: "Address outside the organization's verified domains",
  skipUnverifiedAccount: 'The address belongs to an unverified account',
  skipOperator: "A platform operator's account",
  skipDuplicateEmail: 'Address shared with another directory user',
  skipLinkedElsewhere: 'Account linked to another directory user',
  skipMemberLimit: 'No seat left on the plan',
  runError: '{message} ({code})',
  nextRun: 'Next run',
  notScheduled: 'Not scheduled: on demand only.',
  switchedOff: 'Not scheduled: the directory is switched off.',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  syncDisabled: 'Switch the directory on to sync it.',
  syncInProgress: 'A sync is already running. Try again when it ends.',
  syncUnavailable: 'The directory could not be read: {detail}',
  remove: 'Disconnect directory',
  removeWarning:
    'Syncing stops. Members, their accounts and the groups mirrored from the directory stay as they are.',
  confirmRemove: 'Disconnect',
  cancel: 'Cancel',
  connected: 'Directory connected.',
  saved: 'Directory saved.',
  synced: 'Sync finished.',
  removed: 'Directory disconnected.',
};
