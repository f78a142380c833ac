'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { auditRow, auditViewer } from './audit-context.js';
import { Detail } from './audit-event-detail.js';
import {
  actorParts,
  AuditTime,
  DecisionBadge,
  DecisionRequest,
  isDecision,
  TypedId,
  useAuditTime,
} from './audit-format.js';
import type { AuditEvent } from './data/audit-resources.js';
import { partContent } from './default-content.js';
import { fill } from './key-parts.js';

/**
 * `AuditViewer`'s table: one `<tbody>` per event (its row, and its detail while open), with a
 * part per cell so a composition of your own can place them.
 */

type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

interface TableProps extends Omit<React.ComponentPropsWithoutRef<'table'>, 'children'> {
  /** The markup of one event (inside its `<tbody>`); default: the row and its detail. */
  children?: (event: AuditEvent) => React.ReactNode;
}

/** The events, newest first, as a captioned table; nothing while there are none. */
export function Table({ children, ...props }: TableProps) {
  const ctx = auditViewer.use('Table');
  if (ctx.events.length === 0 || ctx.state === 'forbidden') return null;
  const w = ctx.words;
  const columns = [
    w.columnTime,
    w.columnAction,
    w.columnActor,
    w.columnTarget,
    w.columnOrg,
    w.columnIp,
    w.columnDetails,
  ];
  return (
    <table data-catalyst="audit-table" {...props}>
      <caption data-catalyst="audit-table-caption">
        {ctx.platform ? w.tableLabelPlatform : w.tableLabel}
      </caption>
      <thead>
        <tr>
          {columns.map((name) => (
            <th key={name} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      {ctx.events.map((event) => (
        <Row key={event.id} event={event}>
          {children ? children(event) : <DefaultRow />}
        </Row>
      ))}
    </table>
  );
}

/**
 * One event: a `<tbody>` with `data-action`, `data-decision` for forward-auth decisions and
 * `data-new` for events the live tail added.
 */
export function Row({
  event,
  ...props
}: React.ComponentPropsWithoutRef<'tbody'> & { event: AuditEvent }) {
  const ctx = auditViewer.use('Row');
  const [expanded, setExpanded] = React.useState(false);
  const toggle = React.useRef<HTMLButtonElement>(null);
  const Context = auditRow.get();
  return (
    <Context.Provider value={{ event, id: `${ctx.id}-${event.id}`, expanded, setExpanded, toggle }}>
      <tbody
        data-catalyst="audit-event"
        data-event-id={event.id}
        data-action={event.action}
        data-decision={isDecision(event) ? '' : undefined}
        data-new={ctx.arrived.has(event.id) ? '' : undefined}
        data-expanded={expanded ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** A cell's content: `render(event)` unless children are given. */
function cellPart(
  catalyst: string,
  part: string,
  render: (
    event: AuditEvent,
    words: ReturnType<typeof auditViewer.use>['words'],
  ) => React.ReactNode,
) {
  return function CellPart({ asChild, children, ...props }: SpanProps) {
    const { event } = auditRow.use(part);
    const { words } = auditViewer.use(part);
    return (
      <Primitive.span asChild={asChild} data-catalyst={catalyst} {...props}>
        {partContent(asChild, children, render(event, words))}
      </Primitive.span>
    );
  };
}

/** When it happened, to the second (`<time dateTime>`). */
export const Time = cellPart('audit-event-time', 'Time', (event) => (
  <AuditTime value={event.occurredAt} catalyst="time" />
));

/** The action's name; a forward-auth decision adds its status badge and `method host path`. */
export const Action = cellPart('audit-event-action', 'Action', (event, words) =>
  isDecision(event) ? (
    <>
      <code>{event.action}</code> <DecisionBadge event={event} words={words} />{' '}
      <DecisionRequest event={event} words={words} />
    </>
  ) : (
    <code>{event.action}</code>
  ),
);

/** Who acted: `User usr_…`, `System`, `Anonymous`. */
export const Actor = cellPart('audit-event-actor', 'Actor', (event, words) => {
  const { kind, id } = actorParts(event.actor, words);
  return <TypedId kind={kind} id={id} none={words.none} />;
});

/** What it was done to: `membership usr_…`, `org org_…`. */
export const Target = cellPart('audit-event-target', 'Target', (event, words) => (
  <TypedId kind={event.target.type} id={event.target.id} none={words.none} />
));

export const Org = cellPart('audit-event-org', 'Org', (event, words) =>
  event.orgId ? <code>{event.orgId}</code> : words.none,
);

export const Ip = cellPart(
  'audit-event-ip',
  'Ip',
  (event, words) => event.context.ip ?? words.none,
);

/** Opens or closes the event's detail (`aria-expanded`); its name says which event. */
export function DetailToggle({ asChild, children, onClick, ...props }: ButtonProps) {
  const { words } = auditViewer.use('DetailToggle');
  const r = auditRow.use('DetailToggle');
  const time = useAuditTime();
  return (
    <Primitive.button
      ref={r.toggle}
      asChild={asChild}
      type="button"
      data-catalyst="audit-detail-toggle"
      aria-expanded={r.expanded}
      aria-controls={r.expanded ? `${r.id}-detail` : undefined}
      aria-label={fill(words.detailsLabel, {
        action: r.event.action,
        time: time(r.event.occurredAt),
      })}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) r.setExpanded(!r.expanded);
      }}
    >
      {partContent(asChild, children, words.details)}
    </Primitive.button>
  );
}

/** The event's detail in a row of its own under it, while open. */
export function DetailRow(props: React.ComponentPropsWithoutRef<'tr'>) {
  const r = auditRow.use('DetailRow');
  if (!r.expanded) return null;
  return (
    <tr data-catalyst="audit-detail-row" {...props}>
      <td colSpan={7}>
        <Detail />
      </td>
    </tr>
  );
}

export function DefaultRow() {
  return (
    <>
      <tr>
        <td>
          <Time />
        </td>
        <td>
          <Action />
        </td>
        <td>
          <Actor />
        </td>
        <td>
          <Target />
        </td>
        <td>
          <Org />
        </td>
        <td>
          <Ip />
        </td>
        <td>
          <DetailToggle />
        </td>
      </tr>
      <DetailRow />
    </>
  );
}
