'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { auditViewer } from './audit-context.js';
import type { AuditExportFormat } from './data/audit-resources.js';
import { partContent } from './default-content.js';
import { ErrorAlert, fill } from './key-parts.js';

/**
 * `AuditViewer`'s parts around the table: the states (loading, empty, forbidden, error), the live
 * tail switch, the export links and "Load more".
 */

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/** While the first page loads. */
export function Loading({ asChild, children, ...props }: ParagraphProps) {
  const ctx = auditViewer.use('Loading');
  if (ctx.state !== 'loading') return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="audit-viewer-loading" {...props}>
      {partContent(asChild, children, ctx.words.loading)}
    </Primitive.p>
  );
}

/** No event (or none matching the filters), or no org to show the log of. */
export function Empty({ asChild, children, ...props }: ParagraphProps) {
  const ctx = auditViewer.use('Empty');
  if (ctx.state !== 'empty') return null;
  const words =
    !ctx.platform && ctx.orgId === null
      ? ctx.words.noOrg
      : Object.keys(ctx.filters).length > 0
        ? ctx.words.emptyFiltered
        : ctx.words.empty;
  return (
    <Primitive.p asChild={asChild} data-catalyst="audit-viewer-empty" {...props}>
      {partContent(asChild, children, words)}
    </Primitive.p>
  );
}

/** The caller may not read this log (no `audit:read`; no platform role; signed out). */
export function Forbidden({ asChild, children, ...props }: ParagraphProps) {
  const ctx = auditViewer.use('Forbidden');
  if (ctx.state !== 'forbidden') return null;
  const words = ctx.platform ? ctx.words.forbiddenPlatform : ctx.words.forbidden;
  return (
    <Primitive.p asChild={asChild} data-catalyst="audit-viewer-forbidden" {...props}>
      {partContent(asChild, children, words)}
    </Primitive.p>
  );
}

/**
 * Loading failed: an alert with `data-code`. A bad filter (a 400 naming one) is left to the
 * filter form, which shows it next to that filter.
 */
export function ErrorPart(props: ParagraphProps) {
  const ctx = auditViewer.use('Error');
  const error = ctx.state === 'error' && !ctx.filterError ? ctx.error : null;
  return <ErrorAlert error={error} catalyst="audit-viewer-error" {...props} />;
}

/** Loads older events; rendered only while the server has more. */
export function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = auditViewer.use('LoadMore');
  if (!ctx.hasMore || ctx.state !== 'ready') return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="audit-viewer-more"
      data-state={ctx.loadingMore ? 'pending' : undefined}
      disabled={ctx.loadingMore}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void ctx.loadMore();
      }}
    >
      {partContent(asChild, children, ctx.words.loadMore)}
    </Primitive.button>
  );
}

/** Whether the viewer may offer controls: a log the caller may read (not while forbidden). */
const readable = (ctx: { state: string; canRead: boolean; platform: boolean; orgId: unknown }) =>
  ctx.state !== 'forbidden' && ctx.canRead && (ctx.platform || ctx.orgId !== null);

/**
 * The live tail: a switch (`role="switch"`) and a status line. `data-state="off|on|paused"`:
 * paused while the tab is hidden.
 */
export function LiveTail(props: DivProps) {
  const ctx = auditViewer.use('LiveTail');
  if (!readable(ctx)) return null;
  const id = `${ctx.id}-live`;
  const state = !ctx.live ? 'off' : ctx.paused ? 'paused' : 'on';
  const status =
    state === 'paused'
      ? ctx.words.livePaused
      : state === 'on'
        ? [
            ctx.words.liveOn,
            ctx.arrived.size > 0 && fill(ctx.words.liveArrived, { n: String(ctx.arrived.size) }),
          ]
            .filter(Boolean)
            .join(' ')
        : '';
  return (
    <Primitive.div data-catalyst="audit-live" data-state={state} {...props}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={ctx.live}
        aria-describedby={`${id}-status`}
        data-catalyst="audit-live-switch"
        onChange={(event) => ctx.setLive(event.currentTarget.checked)}
      />{' '}
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.liveTail}
      </label>{' '}
      <span id={`${id}-status`} role="status" data-catalyst="audit-live-status">
        {status}
      </span>
    </Primitive.div>
  );
}

const FORMATS: Array<[AuditExportFormat, 'exportNdjson' | 'exportCsv']> = [
  ['ndjson', 'exportNdjson'],
  ['csv', 'exportCsv'],
];

/**
 * Download links for the events the filters match, NDJSON and CSV (`…/audit/export`; the session
 * cookie authorizes them). Rendered once the log could be read.
 */
export function Export(props: DivProps) {
  const ctx = auditViewer.use('Export');
  if (!readable(ctx) || (ctx.state !== 'ready' && ctx.state !== 'empty')) return null;
  return (
    <Primitive.div
      role="group"
      aria-label={ctx.words.exportLabel}
      data-catalyst="audit-export"
      {...props}
    >
      {FORMATS.map(([format, words], i) => {
        const href = ctx.exportUrl(format);
        if (!href) return null;
        return (
          <React.Fragment key={format}>
            {i > 0 && ' '}
            <a href={href} download data-catalyst="audit-export-link" data-format={format}>
              {ctx.words[words]}
            </a>
          </React.Fragment>
        );
      })}
    </Primitive.div>
  );
}
