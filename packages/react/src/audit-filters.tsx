'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { auditViewer } from './audit-context.js';
import {
  AUDIT_FILTER_NAMES,
  type AuditFilterName,
  type AuditFilterValues,
} from './data/audit-resources.js';
import { partContent } from './default-content.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import type { AuditWords } from './audit-words.js';

/**
 * `AuditViewer.Filters`: a search form over the log. Inputs hold a draft; "Apply filters" (or a
 * quick pick) puts it in effect and the list refetches. A bad filter (a 400 naming it in
 * `field`) shows next to that filter, its input `aria-invalid`.
 */

/** The action families a quick pick adds to (or removes from) the action filter. */
export const AUDIT_QUICK_PICKS: readonly string[] = [
  'org.*',
  'membership.*',
  'key.*',
  'webhook.*',
  'auth.decision',
];

const LABELS: Record<AuditFilterName, keyof AuditWords> = {
  actor: 'actor',
  action: 'action',
  targetType: 'targetType',
  targetId: 'targetId',
  since: 'since',
  until: 'until',
  orgId: 'orgId',
};
const TIMES = new Set<AuditFilterName>(['since', 'until']);

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` value (local time), or the text as it is. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const seconds = at.getSeconds() ? `:${pad(at.getSeconds())}` : '';
  return `${date}T${pad(at.getHours())}:${pad(at.getMinutes())}${seconds}`;
}

/** A `datetime-local` value (local time) as ISO 8601; anything else as typed (the server says). */
function fromLocalInput(value: string): string {
  const at = new Date(value);
  return value && !Number.isNaN(at.getTime()) ? at.toISOString() : value;
}

const toDraft = (filters: AuditFilterValues): AuditFilterValues => ({
  ...filters,
  since: toLocalInput(filters.since),
  until: toLocalInput(filters.until),
});

const fromDraft = (draft: AuditFilterValues): AuditFilterValues => ({
  ...draft,
  since: fromLocalInput(draft.since ?? ''),
  until: fromLocalInput(draft.until ?? ''),
});

const patternsOf = (action: string | undefined) =>
  (action ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

interface FiltersContext extends FormKit<AuditFilterName> {
  words: AuditWords;
  platform: boolean;
  draft: AuditFilterValues;
  picks: readonly string[];
  /** Adds the pattern to the action filter, or takes it out, and applies the filters. */
  togglePick(pattern: string): void;
  reset(): void;
}

const filters = lazyContext<FiltersContext>('AuditViewer', 'Filters');
const kitParts = makeFormParts<AuditFilterName>(filters.use);

export interface AuditFiltersProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit'
> {
  /** The quick picks offered next to the action filter; default `AUDIT_QUICK_PICKS`. */
  quickPicks?: readonly string[];
}

/** The filter form; default content: every filter, the quick picks, apply and clear. */
export function Filters({ quickPicks = AUDIT_QUICK_PICKS, children, ...props }: AuditFiltersProps) {
  const ctx = auditViewer.use('Filters');
  const applied = ctx.filters;
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = React.useState(() => toDraft(applied));
  // Filters put in effect elsewhere (a quick pick, `setFilters`) show in the inputs.
  React.useEffect(
    () => setDraft(toDraft(JSON.parse(appliedKey) as AuditFilterValues)),
    [appliedKey],
  );
  if (ctx.state === 'forbidden' || (!ctx.platform && ctx.orgId === null)) return null;
  const { words, setFilters } = ctx;
  const id = `${ctx.id}-filters`;
  const kit: FiltersContext = {
    id,
    pending: false,
    readOnly: false,
    error: ctx.filterError,
    isField: (field) => AUDIT_FILTER_NAMES.some((name) => name === field),
    label: (name) => words[LABELS[name]],
    input: (name) => ({
      type: TIMES.has(name) ? 'datetime-local' : 'text',
      value: draft[name] ?? '',
      autoComplete: 'off',
      spellCheck: false,
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
        const value = event.currentTarget.value;
        setDraft((current) => ({ ...current, [name]: value }));
      },
    }),
    submit: words.applyFilters,
    words,
    platform: ctx.platform,
    draft,
    picks: quickPicks,
    togglePick(pattern) {
      const patterns = patternsOf(draft.action);
      const action = (
        patterns.includes(pattern)
          ? patterns.filter((p) => p !== pattern)
          : [...patterns.filter((p) => p !== '*'), pattern]
      ).join(',');
      setDraft({ ...draft, action });
      setFilters(fromDraft({ ...draft, action }));
    },
    reset() {
      setDraft({});
      setFilters({});
    },
  };
  const Context = filters.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        role="search"
        aria-label={words.filtersLabel}
        noValidate
        data-catalyst="audit-filters"
        data-invalid-field={ctx.filterError?.field}
        {...props}
        onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          setFilters(fromDraft(draft));
        }}
      >
        {children ?? <DefaultFilters />}
      </Primitive.form>
    </Context.Provider>
  );
}

/** One filter: its label, input and error (the action's also its hint and quick picks). */
export function FilterField({
  name,
  ...props
}: React.ComponentPropsWithoutRef<'div'> & { name: AuditFilterName }) {
  const kit = filters.use('FilterField');
  if (name === 'orgId' && !kit.platform) return null;
  const domId = fieldDomId(kit.id, name);
  const invalid = kit.error?.field === name;
  const hint = name === 'action' ? `${domId}-hint` : undefined;
  const describedBy = [hint, invalid ? `${domId}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div data-catalyst="field" data-name={name} {...props}>
      <kitParts.Label name={name} />
      <kitParts.Field name={name} aria-describedby={describedBy || undefined} />
      {hint && (
        <p id={hint} data-catalyst="hint">
          {kit.words.actionHint}
        </p>
      )}
      <kitParts.Error field={name} />
      {name === 'action' && <QuickPicks />}
    </div>
  );
}

/** Toggle buttons (`aria-pressed`) that add an action family to the filter, or take it out. */
export function QuickPicks(props: Omit<React.ComponentPropsWithoutRef<'div'>, 'children'>) {
  const kit = filters.use('QuickPicks');
  if (kit.picks.length === 0) return null;
  const chosen = patternsOf(kit.draft.action);
  return (
    <div
      role="group"
      aria-label={kit.words.quickPicks}
      data-catalyst="audit-quick-picks"
      {...props}
    >
      {kit.picks.map((pattern, i) => (
        <React.Fragment key={pattern}>
          {i > 0 && ' '}
          <button
            type="button"
            aria-pressed={chosen.includes(pattern)}
            data-catalyst="audit-quick-pick"
            data-pattern={pattern}
            onClick={() => kit.togglePick(pattern)}
          >
            {pattern}
          </button>
        </React.Fragment>
      ))}
    </div>
  );
}

/** Clears every filter (and applies that). */
export function ResetFilters({
  asChild,
  children,
  onClick,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const kit = filters.use('ResetFilters');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="audit-filters-reset"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) kit.reset();
      }}
    >
      {partContent(asChild, children, kit.words.resetFilters)}
    </Primitive.button>
  );
}

/** The form-kit parts inside `Filters`, for forms of your own: `<FilterInput name="actor" />`… */
export const FilterLabel = kitParts.Label;
export const FilterInput = kitParts.Field;
export const FilterError = kitParts.Error;
export const ApplyFilters = kitParts.Submit;

function DefaultFilters() {
  return (
    <>
      <FilterField name="action" />
      <FilterField name="actor" />
      <FilterField name="targetType" />
      <FilterField name="targetId" />
      <FilterField name="since" />
      <FilterField name="until" />
      <FilterField name="orgId" />
      <ApplyFilters /> <ResetFilters />
    </>
  );
}
