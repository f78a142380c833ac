'use client';
import * as React from 'react';
import type { AuditEvent } from './data/audit-resources.js';
import { useLocale } from './localization.js';
import type { AuditWords } from './audit-words.js';

/**
 * How the audit components show an event's pieces: its time (to the second), actor and target,
 * a forward-auth decision, and the changed fields (old → new where the data says both).
 */

/** `Mar 4, 2025, 10:40:12 AM` in the provider's locale. */
export function useAuditTime(): (iso: string) => string {
  const locale = useLocale();
  return React.useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}

export function AuditTime({
  value,
  catalyst,
  ...props
}: Omit<React.ComponentPropsWithoutRef<'time'>, 'children'> & { value: string; catalyst: string }) {
  const format = useAuditTime();
  return (
    <time dateTime={value} data-catalyst={catalyst} {...props}>
      {format(value)}
    </time>
  );
}

const ACTOR_WORDS: Record<string, keyof AuditWords> = {
  user: 'actorUser',
  system: 'actorSystem',
  anonymous: 'actorAnonymous',
  key: 'actorKey',
  api_key: 'actorKey',
};

/** The actor's kind (a word for the known ones) and id: `User usr_…`, `System`. */
export function actorParts(actor: AuditEvent['actor'], words: AuditWords) {
  const word = ACTOR_WORDS[actor.type];
  return { kind: word ? words[word] : actor.type, id: actor.id };
}

/** `kind id`, the id as code; `none` when there is neither. */
export function TypedId({
  kind,
  id,
  none,
}: {
  kind: string | null;
  id: string | null;
  none: string;
}) {
  if (!kind && !id) return <>{none}</>;
  return (
    <>
      {kind && <span data-catalyst="audit-kind">{kind}</span>}
      {kind && id && ' '}
      {id && <code data-catalyst="audit-id">{id}</code>}
    </>
  );
}

/** What `auth.decision` events carry: the answer forward-auth gave, and to which request. */
export interface DecisionData {
  status: number | null;
  method: string | null;
  host: string | null;
  path: string | null;
  cached: boolean | null;
}

export const isDecision = (event: Pick<AuditEvent, 'action'>) => event.action === 'auth.decision';

export function decisionOf(event: AuditEvent): DecisionData {
  const data = event.data;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    status: typeof data.status === 'number' ? data.status : null,
    method: text(data.method),
    host: text(data.host),
    path: text(data.path),
    cached: typeof data.cached === 'boolean' ? data.cached : null,
  };
}

export type DecisionOutcome = 'allowed' | 'redirected' | 'denied' | 'error';

export function decisionOutcome(status: number | null): DecisionOutcome {
  if (status === null) return 'error';
  if (status >= 200 && status < 300) return 'allowed';
  if (status >= 300 && status < 400) return 'redirected';
  if (status === 401 || status === 403) return 'denied';
  return 'error';
}

const OUTCOME_WORDS: Record<DecisionOutcome, keyof AuditWords> = {
  allowed: 'allowed',
  redirected: 'redirected',
  denied: 'denied',
  error: 'decisionError',
};

/** The decision as a badge: `Allowed 200`, `Denied 403` (`data-outcome`, `data-status`). */
export function DecisionBadge({ event, words }: { event: AuditEvent; words: AuditWords }) {
  const { status } = decisionOf(event);
  const outcome = decisionOutcome(status);
  return (
    <span
      data-catalyst="audit-decision-status"
      data-outcome={outcome}
      data-status={status ?? undefined}
    >
      {words[OUTCOME_WORDS[outcome]]}
      {status !== null && <> {status}</>}
    </span>
  );
}

/** `GET app.example.com/reports`: what was asked for. */
export function DecisionRequest({ event, words }: { event: AuditEvent; words: AuditWords }) {
  const d = decisionOf(event);
  if (!d.method && !d.host && !d.path) return <>{words.none}</>;
  return (
    <code data-catalyst="audit-decision-request">
      {[d.method, `${d.host ?? ''}${d.path ?? ''}`].filter(Boolean).join(' ')}
    </code>
  );
}

/** One recorded field: changed (`from` → `to`), or just its value. */
export type AuditChange =
  | { field: string; kind: 'change'; from: unknown; to: unknown }
  | { field: string; kind: 'value'; value: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ before, after }` or `{ from, to }` as the old and new value; null for anything else. */
function pairOf(value: unknown): { from: unknown; to: unknown } | null {
  if (!isRecord(value)) return null;
  if ('before' in value && 'after' in value) return { from: value.before, to: value.after };
  if ('from' in value && 'to' in value) return { from: value.from, to: value.to };
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An event's `data` as a field list. Top-level `before`/`after` (or `from`/`to`) objects become
 * one change per field that differs; a field shaped `{ before, after }` or `{ from, to }` is a
 * change; any other field is shown as its value.
 */
export function auditChanges(data: Record<string, unknown>): AuditChange[] {
  const out: AuditChange[] = [];
  const top = pairOf(data);
  let rest = data;
  if (top) {
    const keys = 'before' in data ? ['before', 'after'] : ['from', 'to'];
    rest = Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));
    if (isRecord(top.from) || isRecord(top.to)) {
      const from = isRecord(top.from) ? top.from : {};
      const to = isRecord(top.to) ? top.to : {};
      for (const field of [...new Set([...Object.keys(from), ...Object.keys(to)])]) {
        if (!same(from[field], to[field]))
          out.push({ field, kind: 'change', from: from[field], to: to[field] });
      }
    } else {
      out.push({ field: keys.join(' → '), kind: 'change', from: top.from, to: top.to });
    }
  }
  for (const [field, value] of Object.entries(rest)) {
    const pair = pairOf(value);
    out.push(pair ? { field, kind: 'change', ...pair } : { field, kind: 'value', value });
  }
  return out;
}

/** A recorded value as text: lists of words joined, objects as JSON, nothing as `none`. */
export function AuditValue({ value, none }: { value: unknown; none: string }) {
  if (value === null || value === undefined || value === '') return <>{none}</>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return <>{String(value)}</>;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return <>{value.length === 0 ? none : value.join(', ')}</>;
  return <code>{JSON.stringify(value)}</code>;
}

/** The changes as a description list: field, then `old → new` (`<del>`, `<ins>`) or the value. */
export function ChangeList({
  changes,
  words,
  ...props
}: Omit<React.ComponentPropsWithoutRef<'dl'>, 'children'> & {
  changes: AuditChange[];
  words: AuditWords;
}) {
  if (changes.length === 0) return <p data-catalyst="audit-no-changes">{words.noChanges}</p>;
  return (
    <dl data-catalyst="audit-changes" {...props}>
      {changes.map((change) => (
        <div
          key={change.field}
          data-catalyst="audit-change"
          data-field={change.field}
          data-kind={change.kind}
        >
          <dt>{change.field}</dt>
          <dd>
            {change.kind === 'change' ? (
              <>
                <del data-catalyst="audit-change-from">
                  <AuditValue value={change.from} none={words.none} />
                </del>{' '}
                <span role="img" aria-label={words.changedTo} data-catalyst="audit-change-arrow">
                  →
                </span>{' '}
                <ins data-catalyst="audit-change-to">
                  <AuditValue value={change.to} none={words.none} />
                </ins>
              </>
            ) : (
              <AuditValue value={change.value} none={words.none} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
