'use client';
import * as React from 'react';
import { useAuthContext } from './auth-context.js';

/**
 * The words of `<AuditViewer>` and its parts, overridable on
 * `<AuthProvider localization={{ audit: { … } }}>`. `{action}`, `{time}`, `{n}` and `{status}` are
 * replaced.
 */
export interface AuditWords {
  loading: string;
  /** No event at all (no filter set). */
  empty: string;
  /** No event matches the filters. */
  emptyFiltered: string;
  forbidden: string;
  forbiddenPlatform: string;
  /** Without an org (none given, none active). */
  noOrg: string;
  /** The table's caption. */
  tableLabel: string;
  tableLabelPlatform: string;
  columnTime: string;
  columnAction: string;
  columnActor: string;
  columnTarget: string;
  columnOrg: string;
  columnIp: string;
  columnDetails: string;
  loadMore: string;
  /** The filter form's accessible name. */
  filtersLabel: string;
  actor: string;
  action: string;
  actionHint: string;
  quickPicks: string;
  targetType: string;
  targetId: string;
  since: string;
  until: string;
  orgId: string;
  applyFilters: string;
  resetFilters: string;
  liveTail: string;
  liveOn: string;
  livePaused: string;
  /** Announced when the live tail adds events. */
  liveArrived: string;
  exportLabel: string;
  exportNdjson: string;
  exportCsv: string;
  details: string;
  detailsLabel: string;
  closeDetails: string;
  detailTitle: string;
  context: string;
  ip: string;
  userAgent: string;
  requestId: string;
  eventId: string;
  sequence: string;
  schemaVersion: string;
  changes: string;
  noChanges: string;
  changedTo: string;
  /** Shown for a missing value (no IP, no target, `null`). */
  none: string;
  actorUser: string;
  actorSystem: string;
  actorAnonymous: string;
  actorKey: string;
  decision: string;
  decisionStatus: string;
  decisionRequest: string;
  decisionCached: string;
  allowed: string;
  redirected: string;
  denied: string;
  decisionError: string;
  yes: string;
  no: string;
}

export const AUDIT_WORDS: AuditWords = {
  loading: 'Loading audit events…',
  empty: 'No audit events yet.',
  emptyFiltered: 'No audit events match these filters.',
  forbidden: 'You need the audit:read permission to see this audit log.',
  forbiddenPlatform: 'Only platform staff can read the platform audit log.',
  noOrg: 'No organization selected.',
  tableLabel: 'Audit events',
  tableLabelPlatform: 'Platform audit events',
  columnTime: 'Time',
  columnAction: 'Action',
  columnActor: 'Actor',
  columnTarget: 'Target',
  columnOrg: 'Organization',
  columnIp: 'IP address',
  columnDetails: 'Details',
  loadMore: 'Load more',
  filtersLabel: 'Filter audit events',
  actor: 'Actor ID',
  action: 'Action',
  actionHint:
    'An action name or pattern: org.* for a family, * for everything; separate several with commas.',
  quickPicks: 'Common actions',
  targetType: 'Target type',
  targetId: 'Target ID',
  since: 'From',
  until: 'Until',
  orgId: 'Organization ID',
  applyFilters: 'Apply filters',
  resetFilters: 'Clear filters',
  liveTail: 'Live tail',
  liveOn: 'Watching for new events.',
  livePaused: 'Paused while this tab is hidden.',
  liveArrived: 'New events: {n}.',
  exportLabel: 'Export',
  exportNdjson: 'Export NDJSON',
  exportCsv: 'Export CSV',
  details: 'Details',
  detailsLabel: 'Details of {action} at {time}',
  closeDetails: 'Close',
  detailTitle: '{action} at {time}',
  context: 'Request',
  ip: 'IP address',
  userAgent: 'User agent',
  requestId: 'Request ID',
  eventId: 'Event ID',
  sequence: 'Sequence',
  schemaVersion: 'Schema version',
  changes: 'Changes',
  noChanges: 'No fields recorded.',
  changedTo: 'changed to',
  none: '—',
  actorUser: 'User',
  actorSystem: 'System',
  actorAnonymous: 'Anonymous',
  actorKey: 'API key',
  decision: 'Forward-auth decision',
  decisionStatus: 'Status',
  decisionRequest: 'Request',
  decisionCached: 'Cached',
  allowed: 'Allowed',
  redirected: 'Redirected',
  denied: 'Denied',
  decisionError: 'Failed',
  yes: 'Yes',
  no: 'No',
};

/**
 * The audit components' words: the defaults above with the provider's `localization.audit` on
 * top. Read loosely, so the words work before `Localization` declares `audit`.
 */
export function useAuditWords(): AuditWords {
  const localization: object = useAuthContext().localization;
  const overrides = (localization as { audit?: Partial<AuditWords> }).audit;
  return React.useMemo(() => ({ ...AUDIT_WORDS, ...overrides }), [overrides]);
}
