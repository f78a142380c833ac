'use client';
import * as React from 'react';
import { auditRow, auditViewer } from './audit-context.js';
import {
  actorParts,
  auditChanges,
  AuditTime,
  ChangeList,
  DecisionBadge,
  DecisionRequest,
  decisionOf,
  isDecision,
  TypedId,
  useAuditTime,
} from './audit-format.js';
import { useAuditWords, type AuditWords } from './audit-words.js';
import type { AuditEvent } from './data/audit-resources.js';
import { fill } from './key-parts.js';

/**
 * One event in full: a region named after it, with the request's context (IP, user agent,
 * request id), who acted on what, and the changed fields (old → new where recorded). A
 * forward-auth decision shows its status, request and whether it was cached instead.
 */

const DECISION_FIELDS = new Set(['status', 'method', 'host', 'path', 'cached']);

export interface AuditEventDetailProps extends Omit<
  React.ComponentPropsWithoutRef<'div'>,
  'children'
> {
  event: AuditEvent;
  /** Shows a close button, and Escape inside calls it too. */
  onClose?: () => void;
  /** Focus the region when it appears (a disclosure that just opened). */
  autoFocus?: boolean;
}

function Term({
  term,
  catalyst,
  children,
}: {
  term: string;
  catalyst: string;
  children: React.ReactNode;
}) {
  return (
    <div data-catalyst={catalyst}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({
  id,
  title,
  catalyst,
  children,
}: {
  id: string;
  title: string;
  catalyst: string;
  children: React.ReactNode;
}) {
  return (
    <div role="group" aria-labelledby={id} data-catalyst={catalyst}>
      <p id={id} data-catalyst="audit-detail-heading">
        {title}
      </p>
      {children}
    </div>
  );
}

function DecisionSection({
  id,
  event,
  words,
}: {
  id: string;
  event: AuditEvent;
  words: AuditWords;
}) {
  const { cached } = decisionOf(event);
  return (
    <Section id={id} title={words.decision} catalyst="audit-decision">
      <dl>
        <Term term={words.decisionStatus} catalyst="audit-decision-status-term">
          <DecisionBadge event={event} words={words} />
        </Term>
        <Term term={words.decisionRequest} catalyst="audit-decision-request-term">
          <DecisionRequest event={event} words={words} />
        </Term>
        <Term term={words.decisionCached} catalyst="audit-decision-cached">
          {cached === null ? words.none : cached ? words.yes : words.no}
        </Term>
      </dl>
    </Section>
  );
}

/** An event's detail, on its own (`AuditViewer.Detail` is this for the row it sits in). */
export function AuditEventDetail({
  event,
  onClose,
  autoFocus = false,
  id: given,
  ...props
}: AuditEventDetailProps) {
  const words = useAuditWords();
  const time = useAuditTime();
  const generated = React.useId();
  const id = given ?? generated;
  const region = React.useRef<HTMLDivElement>(null);
  React.useLayoutEffect(() => {
    if (autoFocus) region.current?.focus();
  }, [autoFocus]);
  const decision = isDecision(event);
  const data = decision
    ? Object.fromEntries(Object.entries(event.data).filter(([key]) => !DECISION_FIELDS.has(key)))
    : event.data;
  const changes = auditChanges(data);
  const actor = actorParts(event.actor, words);
  const none = words.none;
  return (
    <div
      ref={region}
      id={id}
      role="region"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      data-catalyst="audit-detail"
      data-action={event.action}
      data-decision={decision ? '' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.stopPropagation();
          onClose();
        }
      }}
      {...props}
    >
      <p id={`${id}-title`} data-catalyst="audit-detail-title">
        {fill(words.detailTitle, { action: event.action, time: time(event.occurredAt) })}
      </p>
      <dl data-catalyst="audit-detail-event">
        <Term term={words.columnTime} catalyst="audit-detail-time">
          <AuditTime value={event.occurredAt} catalyst="time" />
        </Term>
        <Term term={words.columnActor} catalyst="audit-detail-actor">
          <TypedId kind={actor.kind} id={actor.id} none={none} />
        </Term>
        <Term term={words.columnTarget} catalyst="audit-detail-target">
          <TypedId kind={event.target.type} id={event.target.id} none={none} />
        </Term>
        <Term term={words.columnOrg} catalyst="audit-detail-org">
          {event.orgId ? <code>{event.orgId}</code> : none}
        </Term>
        <Term term={words.eventId} catalyst="audit-detail-id">
          <code>{event.id}</code>
        </Term>
        <Term term={words.sequence} catalyst="audit-detail-seq">
          {event.seq}
        </Term>
      </dl>
      <Section id={`${id}-context`} title={words.context} catalyst="audit-detail-context">
        <dl>
          <Term term={words.ip} catalyst="audit-detail-ip">
            {event.context.ip ?? none}
          </Term>
          <Term term={words.userAgent} catalyst="audit-detail-user-agent">
            {event.context.userAgent ?? none}
          </Term>
          <Term term={words.requestId} catalyst="audit-detail-request-id">
            {event.context.requestId ? <code>{event.context.requestId}</code> : none}
          </Term>
        </dl>
      </Section>
      {decision && <DecisionSection id={`${id}-decision`} event={event} words={words} />}
      {(!decision || changes.length > 0) && (
        <Section id={`${id}-changes`} title={words.changes} catalyst="audit-detail-changes">
          <ChangeList changes={changes} words={words} />
        </Section>
      )}
      {onClose && (
        <button type="button" data-catalyst="audit-detail-close" onClick={onClose}>
          {words.closeDetails}
        </button>
      )}
    </div>
  );
}

/**
 * The row's event in full, focused when it opens; Escape or "Close" closes it and puts focus
 * back on the row's toggle.
 */
export function Detail(props: Omit<AuditEventDetailProps, 'event' | 'onClose' | 'autoFocus'>) {
  auditViewer.use('Detail');
  const r = auditRow.use('Detail');
  if (!r.expanded) return null;
  return (
    <AuditEventDetail
      id={`${r.id}-detail`}
      event={r.event}
      autoFocus
      onClose={() => {
        r.setExpanded(false);
        r.toggle.current?.focus();
      }}
      {...props}
    />
  );
}
