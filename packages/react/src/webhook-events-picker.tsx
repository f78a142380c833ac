'use client';
import { WEBHOOK_EVENT_TYPES } from '@catalyst/authkit';
import * as React from 'react';
import { fill } from './webhook-parts.js';
import { useWebhookWords, type WebhookWords } from './webhook-words.js';

/** Every event type an endpoint can subscribe to (DESIGN §3): the server's own catalogue. */
export { WEBHOOK_EVENT_TYPES };

const familyOf = (type: string) => type.split('.')[0]!;

/** The catalogue grouped by family (`org` → `org.created`, …), in catalogue order. */
export function eventFamilies(types: readonly string[] = WEBHOOK_EVENT_TYPES) {
  const families = new Map<string, string[]>();
  for (const type of types)
    families.set(familyOf(type), [...(families.get(familyOf(type)) ?? []), type]);
  return [...families].map(([family, members]) => ({ family, types: members }));
}

/**
 * The filters after one checkbox changed. `*` stands alone; a family wildcard (`org.*`) replaces
 * that family's single types; entries the catalogue does not know are kept as they were.
 */
export function toggleEventFilter(value: readonly string[], entry: string, on: boolean): string[] {
  if (entry === '*') return on ? ['*'] : [];
  const family = entry.endsWith('.*') ? entry.slice(0, -2) : null;
  let next = value.filter((f) => f !== entry && f !== '*');
  if (family !== null && on) next = next.filter((f) => f.endsWith('.*') || familyOf(f) !== family);
  return on ? [...next, entry] : next;
}

const FAMILY_WORDS: Record<string, keyof WebhookWords> = {
  user: 'familyUser',
  org: 'familyOrg',
  membership: 'familyMembership',
  key: 'familyKey',
  auth: 'familyAuth',
  audit: 'familyAudit',
};

export interface WebhookEventsPickerProps extends Omit<
  React.ComponentPropsWithoutRef<'fieldset'>,
  'onChange' | 'children'
> {
  /** Event filters: types (`org.created`), family wildcards (`org.*`) or `*`. */
  value: readonly string[];
  onChange(value: string[]): void;
  /** Prefix for the checkboxes' DOM ids (one picker per form). */
  idPrefix?: string;
  /** An error to show (e.g. none chosen, or the server's `unknown_event`); announced as an alert. */
  error?: string | null;
  /** The event catalogue; default `WEBHOOK_EVENT_TYPES`. */
  types?: readonly string[];
}

/**
 * Checkboxes by family (`Organizations`: created, updated, deleted), each family with a wildcard
 * toggle (`org.*`: this family's events, including types added later) and one "All events" (`*`)
 * on top. A wildcard checks and disables what it covers. Controlled: `value` and `onChange`.
 */
export function WebhookEventsPicker({
  value,
  onChange,
  idPrefix,
  error,
  types = WEBHOOK_EVENT_TYPES,
  disabled,
  ...props
}: WebhookEventsPickerProps) {
  const words = useWebhookWords();
  const generated = React.useId();
  const id = idPrefix ?? generated;
  const all = value.includes('*');
  const families = React.useMemo(() => eventFamilies(types), [types]);
  const box = (entry: string, label: string, checked: boolean, covered: boolean, hint?: string) => {
    const boxId = `${id}-event-${entry.replace(/\W/g, '-')}`;
    return (
      <div key={entry} data-catalyst="checkbox" data-name={entry}>
        <input
          id={boxId}
          type="checkbox"
          name="events"
          value={entry}
          checked={checked || covered}
          disabled={disabled || covered}
          aria-describedby={hint ? `${boxId}-hint` : undefined}
          onChange={(event) =>
            onChange(toggleEventFilter(value, entry, event.currentTarget.checked))
          }
          data-catalyst="input"
        />
        <label htmlFor={boxId} data-catalyst="label">
          {label}
        </label>
        {hint && (
          <span id={`${boxId}-hint`} data-catalyst="hint">
            {hint}
          </span>
        )}
      </div>
    );
  };
  return (
    <fieldset
      data-catalyst="webhook-events"
      data-invalid={error ? '' : undefined}
      aria-describedby={error ? `${id}-events-error` : undefined}
      disabled={disabled}
      {...props}
    >
      <legend data-catalyst="legend">{words.events}</legend>
      {box('*', words.allEvents, all, false, words.allEventsHint)}
      {families.map(({ family, types: members }) => {
        const key = FAMILY_WORDS[family];
        const name = key ? words[key] : family;
        const wildcard = value.includes(`${family}.*`);
        return (
          <fieldset key={family} data-catalyst="webhook-event-family" data-family={family}>
            <legend data-catalyst="legend">{name}</legend>
            {box(`${family}.*`, fill(words.familyAll, { family: name }), wildcard, all)}
            {members.map((type) => box(type, type, value.includes(type), all || wildcard))}
          </fieldset>
        );
      })}
      {error && (
        <p id={`${id}-events-error`} role="alert" data-catalyst="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
