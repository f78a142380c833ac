'use client';
import { useWords, type SecretWords } from './localization.js';

/**
 * The words of the webhook components (`<WebhookManager>`, `<WebhookForm>`, `<WebhookList>`,
 * `<WebhookDeliveries>`, `<WebhookEventsPicker>`), overridable on
 * `<AuthProvider localization={{ webhooks: { … } }}>`. `{url}`, `{event}`, `{time}`, `{family}`,
 * `{ms}` and `{n}` are replaced.
 */
export interface WebhookWords extends SecretWords {
  loading: string;
  forbidden: string;
  /** Without an org (none given, none active). */
  noOrg: string;
  empty: string;
  /** The list's accessible name. */
  listLabel: string;
  events: string;
  noDescription: string;
  enabled: string;
  disabled: string;
  disabledGone: string;
  disabledFailing: string;
  failingSince: string;
  loadMore: string;
  enable: string;
  enableLabel: string;
  disable: string;
  disableLabel: string;
  edit: string;
  editLabel: string;
  cancel: string;
  /** The create form's heading (its accessible name), and the edit form's. */
  createTitle: string;
  editTitle: string;
  url: string;
  urlHint: string;
  urlRequired: string;
  description: string;
  ordered: string;
  orderedHint: string;
  submit: string;
  save: string;
  /** The events picker. */
  allEvents: string;
  allEventsHint: string;
  familyAll: string;
  eventsRequired: string;
  familyUser: string;
  familyOrg: string;
  familyMembership: string;
  familyKey: string;
  familyAuth: string;
  familyAudit: string;
  /** Label of a new endpoint's signing secret. */
  secret: string;
  rotate: string;
  rotateLabel: string;
  rotateWarning: string;
  confirmRotate: string;
  newSecret: string;
  previousUntil: string;
  delete: string;
  deleteLabel: string;
  deleteWarning: string;
  confirmDelete: string;
  test: string;
  testLabel: string;
  testQueued: string;
  deliveries: string;
  deliveriesLabel: string;
  deliveriesLoading: string;
  deliveriesEmpty: string;
  statusFilter: string;
  statusAll: string;
  pending: string;
  delivering: string;
  delivered: string;
  dead: string;
  columnEvent: string;
  columnStatus: string;
  columnAttempts: string;
  columnLastStatus: string;
  columnTime: string;
  columnActions: string;
  noResponse: string;
  nextAttempt: string;
  attempts: string;
  attemptsLabel: string;
  attemptsLoading: string;
  attemptsEmpty: string;
  attemptAt: string;
  statusCode: string;
  duration: string;
  durationMs: string;
  response: string;
  error: string;
  retry: string;
  retryLabel: string;
  replay: string;
  replayLabel: string;
  since: string;
  until: string;
  sinceRequired: string;
  mode: string;
  modeFailed: string;
  modeAll: string;
  replaySubmit: string;
  replayQueued: string;
}

export const WEBHOOK_WORDS: WebhookWords = {
  loading: 'Loading webhook endpoints…',
  forbidden: 'You do not have permission to manage these webhooks.',
  noOrg: 'No organization selected.',
  empty: 'No webhook endpoints yet.',
  listLabel: 'Webhook endpoints',
  events: 'Events',
  noDescription: 'No description',
  enabled: 'Enabled',
  disabled: 'Disabled',
  disabledGone: 'Disabled: the receiver answered 410 Gone',
  disabledFailing: 'Disabled: failing since {time}',
  failingSince: 'Failing since {time}',
  loadMore: 'Show more',
  enable: 'Enable',
  enableLabel: 'Enable {url}',
  disable: 'Disable',
  disableLabel: 'Disable {url}',
  edit: 'Edit',
  editLabel: 'Edit {url}',
  cancel: 'Cancel',
  createTitle: 'New webhook endpoint',
  editTitle: 'Edit {url}',
  url: 'Endpoint URL',
  urlHint: 'Catalyst sends each event there as a signed POST request.',
  urlRequired: 'Enter the URL of the endpoint.',
  description: 'Description (optional)',
  ordered: 'Deliver in order',
  orderedHint: "One subject's events one at a time, in the order they happened.",
  submit: 'Add endpoint',
  save: 'Save changes',
  allEvents: 'All events',
  allEventsHint: 'Every event type, including types added later.',
  familyAll: 'All events in {family}',
  eventsRequired: 'Choose at least one event.',
  familyUser: 'Users',
  familyOrg: 'Organizations',
  familyMembership: 'Memberships',
  familyKey: 'API keys',
  familyAuth: 'Authorization',
  familyAudit: 'Audit log',
  secret: 'Signing secret for {url}',
  secretOnce: 'Copy this signing secret now. You will not see it again.',
  copy: 'Copy secret',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the secret and copy it yourself.',
  done: 'Done',
  rotate: 'Rotate secret',
  rotateLabel: 'Rotate secret of {url}',
  rotateWarning:
    'A new signing secret replaces the current one. During the overlap every delivery carries two signatures, one per secret, so your receiver keeps verifying while you switch it over.',
  confirmRotate: 'Rotate secret',
  newSecret: 'New signing secret for {url}',
  previousUntil:
    'Deliveries are signed with both secrets until {time}; then with the new one only.',
  delete: 'Delete',
  deleteLabel: 'Delete {url}',
  deleteWarning:
    'The endpoint and its delivery history are deleted; no more events are sent to it.',
  confirmDelete: 'Delete endpoint',
  test: 'Send test event',
  testLabel: 'Send test event to {url}',
  testQueued: 'Test event queued.',
  deliveries: 'Deliveries',
  deliveriesLabel: 'Deliveries to {url}',
  deliveriesLoading: 'Loading deliveries…',
  deliveriesEmpty: 'No deliveries yet.',
  statusFilter: 'Status',
  statusAll: 'All',
  pending: 'Pending',
  delivering: 'Delivering',
  delivered: 'Delivered',
  dead: 'Failed',
  columnEvent: 'Event',
  columnStatus: 'Status',
  columnAttempts: 'Attempts',
  columnLastStatus: 'Last response',
  columnTime: 'Created',
  columnActions: 'Actions',
  noResponse: 'No response',
  nextAttempt: 'Next attempt {time}',
  attempts: 'Attempts',
  attemptsLabel: 'Attempts of {event} from {time}',
  attemptsLoading: 'Loading attempts…',
  attemptsEmpty: 'No attempts yet.',
  attemptAt: 'Attempted',
  statusCode: 'Status code',
  duration: 'Duration',
  durationMs: '{ms} ms',
  response: 'Response',
  error: 'Error',
  retry: 'Retry',
  retryLabel: 'Retry {event} from {time}',
  replay: 'Replay',
  replayLabel: 'Replay events to {url}',
  since: 'From',
  until: 'Until (optional: now)',
  sinceRequired: 'Choose when the range starts.',
  mode: 'What to send again',
  modeFailed: 'Failed deliveries only',
  modeAll: 'Every event in the range',
  replaySubmit: 'Replay range',
  replayQueued: 'Queued {n} for delivery.',
};

/** The webhook components' words: the defaults above with the provider's overrides on top. */
export const useWebhookWords = () => useWords('webhooks', WEBHOOK_WORDS);
