'use client';
import type * as React from 'react';
import type { AuditEvent, AuditFilterValues } from './data/audit-resources.js';
import { lazyContext } from './form-kit.js';
import type { UseAuditLogResult } from './use-audit-log.js';
import type { AuditWords } from './audit-words.js';

/** What `AuditViewer.Root` shares with its parts (filters, table, detail, export, live tail). */
export interface AuditViewerContext extends UseAuditLogResult {
  words: AuditWords;
  /** DOM id prefix for the parts. */
  id: string;
  /** Replaces the filters in effect (the list refetches). */
  setFilters(filters: AuditFilterValues): void;
  /** Whether the live tail is switched on (it may be paused: see `paused`). */
  live: boolean;
  setLive(on: boolean): void;
}

/** One event's row, and whether its detail is open. */
export interface AuditRowContext {
  event: AuditEvent;
  /** DOM id prefix for this row's parts. */
  id: string;
  expanded: boolean;
  setExpanded(on: boolean): void;
  /** The row's detail toggle (focus goes back to it when the detail closes). */
  toggle: React.RefObject<HTMLButtonElement | null>;
}

export const auditViewer = lazyContext<AuditViewerContext>('AuditViewer');
export const auditRow = lazyContext<AuditRowContext>('AuditViewer', 'Row');
