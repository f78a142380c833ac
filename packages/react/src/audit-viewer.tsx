'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { auditViewer } from './audit-context.js';
import { Detail } from './audit-event-detail.js';
import {
  Action,
  Actor,
  DefaultRow,
  DetailRow,
  DetailToggle,
  Ip,
  Org,
  Row,
  Table,
  Target,
  Time,
} from './audit-event-list.js';
import {
  ApplyFilters,
  FilterError,
  FilterField,
  FilterInput,
  FilterLabel,
  Filters,
  QuickPicks,
  ResetFilters,
} from './audit-filters.js';
import { Empty, ErrorPart, Export, Forbidden, LiveTail, Loading, LoadMore } from './audit-parts.js';
import { useAuditWords } from './audit-words.js';
import type { AuditFilterValues } from './data/audit-resources.js';
import { useSession } from './hooks.js';
import { useAuditLog, type AuditScope } from './use-audit-log.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

export interface AuditViewerProps extends DivProps {
  /** The org whose log to show (needs `audit:read` there); default the active org. */
  orgId?: string | null;
  /** The platform's log (`/admin/audit`, a platform role) instead of an org's. */
  platform?: boolean;
  /** The filters in effect at first. */
  defaultFilters?: AuditFilterValues;
  /** Whether the live tail starts on; default off. */
  defaultLive?: boolean;
  /** The live tail's interval (ms). */
  pollMs?: number;
}

/**
 * Loads the log (filtered, paged, optionally tailed) and shares it with the parts.
 * `data-state="loading|empty|error|ready|forbidden"`, `data-scope="org|platform"`,
 * `data-live="off|on|paused"`, and `data-invalid-filter` naming a filter the server refused.
 */
function Root({
  orgId,
  platform = false,
  defaultFilters = {},
  defaultLive = false,
  pollMs,
  ...props
}: AuditViewerProps) {
  const session = useSession();
  const scope: AuditScope = platform
    ? 'platform'
    : { orgId: orgId === undefined ? (session.data?.org?.id ?? null) : orgId || null };
  const [filters, setFilters] = React.useState(defaultFilters);
  const [live, setLive] = React.useState(defaultLive);
  const log = useAuditLog(scope, filters, { live, ...(pollMs ? { pollMs } : {}) });
  const words = useAuditWords();
  const id = React.useId();
  const Context = auditViewer.get();
  return (
    <Context.Provider value={{ ...log, words, id, setFilters, live, setLive }}>
      <Primitive.div
        data-catalyst="audit-viewer"
        data-state={log.state}
        data-scope={platform ? 'platform' : 'org'}
        data-live={!live ? 'off' : log.paused ? 'paused' : 'on'}
        data-invalid-filter={log.filterError?.field}
        aria-busy={log.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function DefaultAuditViewer(props: AuditViewerProps) {
  return (
    <Root {...props}>
      <Forbidden />
      <Filters />
      <LiveTail />
      <Export />
      <Loading />
      <ErrorPart />
      <Empty />
      <Table />
      <LoadMore />
    </Root>
  );
}

/**
 * `<AuditViewer />` shows an org's audit log (default the active org's; `audit:read`), or the
 * platform's with `platform`: filters (actor, action patterns with quick picks, target, time),
 * a live tail, NDJSON and CSV exports, a table of events newest first with "Load more", and each
 * event's detail (request context, the changed fields old → new; forward-auth decisions with
 * their status, request and cache). Compose your own from `.Root`, `.Filters` (`.FilterField`,
 * `.QuickPicks`, `.FilterLabel`, `.FilterInput`, `.FilterError`, `.ApplyFilters`,
 * `.ResetFilters`), `.LiveTail`, `.Export`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`,
 * `.Table`, `.Row`, `.Time`, `.Action`, `.Actor`, `.Target`, `.Org`, `.Ip`, `.DetailToggle`,
 * `.DetailRow`, `.Detail` and `.LoadMore`.
 */
export const AuditViewer = Object.assign(DefaultAuditViewer, {
  Root,
  Filters,
  FilterField,
  QuickPicks,
  FilterLabel,
  FilterInput,
  FilterError,
  ApplyFilters,
  ResetFilters,
  LiveTail,
  Export,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Table,
  Row,
  DefaultRow,
  Time,
  Action,
  Actor,
  Target,
  Org,
  Ip,
  DetailToggle,
  DetailRow,
  Detail,
  LoadMore,
});
