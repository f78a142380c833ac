'use client';
import type { SessionPayload } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { adminPanel, type UserAdminPanelContext } from './admin-user-context.js';
import { useUserAdminPanelWords, type UserAdminPanelWords } from './admin-words.js';
import type { AdminUserFilters } from './data/admin-resources.js';
import { partContent } from './default-content.js';
import { ErrorAlert, fill, stateOnly } from './key-parts.js';
import { useAdminUsers, type UseAdminUsersOptions } from './use-admin-users.js';
import type { ProfileFieldDescription } from './user-profile-values.js';

/**
 * `UserAdminPanel`'s parts around the table: the root, its states (loading, empty, forbidden,
 * error), the search box, the filter chips and the pager.
 */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type FormProps = React.ComponentPropsWithoutRef<typeof Primitive.form>;
type NavProps = React.ComponentPropsWithoutRef<typeof Primitive.nav>;

export interface UserAdminPanelProps extends DivProps, UseAdminUsersOptions {
  /**
   * Called once an impersonation has started: the browser now holds the user's session (the
   * session store has it). Navigate to your app's home, for instance.
   */
  onImpersonate?: (session: SessionPayload) => void;
  /** The custom profile fields (`profileFields` on the server) the drawer's profile tab edits. */
  profileFields?: Record<string, ProfileFieldDescription>;
}

/**
 * Loads the users (`useAdminUsers`) and shares them with the parts. `data-state=
 * "loading|empty|error|ready|forbidden"`, `data-access="loading|none|support|admin"`, and
 * `data-refreshing` while a new search's rows load (the last ones stay shown).
 */
export function Root({
  defaultFilters,
  defaultSort,
  pageSize,
  onImpersonate,
  profileFields,
  ...props
}: UserAdminPanelProps) {
  const users = useAdminUsers({ defaultFilters, defaultSort, pageSize });
  const words = useUserAdminPanelWords();
  const id = React.useId();
  const [openUserId, setOpenUserId] = React.useState<string | null>(null);
  // What had focus when the drawer opened (the row's button): it gets focus back on close.
  const returnTo = React.useRef<HTMLElement | null>(null);
  const openUser = React.useCallback((userId: string) => {
    const active = document.activeElement;
    returnTo.current = active instanceof HTMLElement ? active : null;
    setOpenUserId(userId);
  }, []);
  const closeUser = React.useCallback(() => {
    setOpenUserId(null);
    if (returnTo.current?.isConnected) returnTo.current.focus();
    returnTo.current = null;
  }, []);
  const Context = adminPanel.get();
  return (
    <Context.Provider
      value={{
        ...users,
        words,
        id,
        openUserId,
        openUser,
        closeUser,
        onImpersonate,
        profileFields,
      }}
    >
      <Primitive.div
        data-catalyst="user-admin-panel"
        data-state={users.state}
        data-access={users.access}
        data-refreshing={users.refreshing ? '' : undefined}
        aria-busy={users.state === 'loading' || users.refreshing || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Whether the panel offers its controls: the caller may read and the server has not said no. */
export const readable = (ctx: Pick<UserAdminPanelContext, 'canRead' | 'state'>) =>
  ctx.canRead && ctx.state !== 'forbidden';

export const Loading = stateOnly('loading', 'user-admin-panel', adminPanel.use, 'Loading');
export const Forbidden = stateOnly('forbidden', 'user-admin-panel', adminPanel.use, 'Forbidden');

/** No user at all, or none matching the search and filters. */
export function Empty({ asChild, children, ...props }: ParagraphProps) {
  const ctx = adminPanel.use('Empty');
  if (ctx.state !== 'empty') return null;
  const filtered = Object.keys(ctx.filters).length > 0;
  return (
    <Primitive.p asChild={asChild} data-catalyst="user-admin-panel-empty" {...props}>
      {partContent(asChild, children, filtered ? ctx.words.emptyFiltered : ctx.words.empty)}
    </Primitive.p>
  );
}

/** Loading failed: an alert with `data-code`. */
export function ErrorPart(props: ParagraphProps) {
  const ctx = adminPanel.use('Error');
  const error = ctx.state === 'error' ? ctx.error : null;
  return <ErrorAlert error={error} catalyst="user-admin-panel-error" {...props} />;
}

/**
 * The search box (`role="search"`): email or name substring, or a user id. Submitting applies
 * it (back to the first page); an empty search shows everyone.
 */
export function Search({ children, onSubmit, ...props }: FormProps) {
  const ctx = adminPanel.use('Search');
  const applied = ctx.filters.q ?? '';
  const [draft, setDraft] = React.useState(applied);
  // Follow the applied search when something else changes it ("Clear filters").
  React.useEffect(() => setDraft(applied), [applied]);
  if (!readable(ctx)) return null;
  const inputId = `${ctx.id}-search`;
  return (
    <Primitive.form
      role="search"
      aria-label={ctx.words.searchLabel}
      data-catalyst="user-admin-search"
      {...props}
      onSubmit={(event: React.SubmitEvent<HTMLFormElement>) => {
        onSubmit?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        ctx.setFilter('q', draft.trim() || undefined);
      }}
    >
      {children ?? (
        <>
          <label htmlFor={inputId} data-catalyst="label">
            {ctx.words.search}
          </label>{' '}
          <input
            id={inputId}
            type="search"
            value={draft}
            maxLength={200}
            onChange={(event) => setDraft(event.currentTarget.value)}
            data-catalyst="input"
          />{' '}
          <button type="submit" data-catalyst="user-admin-search-submit">
            {ctx.words.searchSubmit}
          </button>
        </>
      )}
    </Primitive.form>
  );
}

/** A toggle chip: the filter it sets, and to what (a second click clears it). */
type Chip = { [N in 'platformRole' | 'banned']: [N, NonNullable<AdminUserFilters[N]>] }[
  'platformRole' | 'banned'];
const CHIPS: Array<[...Chip, keyof UserAdminPanelWords]> = [
  ['platformRole', 'admin', 'roleAdmin'],
  ['platformRole', 'support', 'roleSupport'],
  ['platformRole', 'any', 'roleAny'],
  ['platformRole', 'none', 'roleNone'],
  ['banned', true, 'banned'],
  ['banned', false, 'notBanned'],
];

/** The filters a chip shows once set elsewhere (a row's label, a membership's org). */
const SET_ELSEWHERE: Array<['label' | 'orgId', 'labelFilter' | 'orgFilter', string]> = [
  ['label', 'labelFilter', 'label'],
  ['orgId', 'orgFilter', 'org'],
];

/**
 * The filter chips (`role="group"`): platform role (admins, support, any, none) and ban status,
 * each a toggle (`aria-pressed`, `data-state="on|off"`); the label and org filters, set from a
 * row's label or a membership, as chips with a remove button; and "Clear filters".
 */
export function FilterChips(props: DivProps) {
  const ctx = adminPanel.use('FilterChips');
  if (!readable(ctx)) return null;
  const { filters, words } = ctx;
  const { q: _search, ...chips } = filters;
  return (
    <Primitive.div
      role="group"
      aria-label={words.filtersLabel}
      data-catalyst="user-admin-filters"
      {...props}
    >
      {CHIPS.map(([name, value, word]) => {
        const on = filters[name] === value;
        // The same call on both sides: the branch lets TypeScript pair the filter with its value.
        const toggle = () =>
          name === 'banned'
            ? ctx.setFilter(name, on ? undefined : value)
            : ctx.setFilter(name, on ? undefined : value);
        return (
          <button
            key={`${name}-${String(value)}`}
            type="button"
            aria-pressed={on}
            data-catalyst="user-admin-chip"
            data-filter={name}
            data-value={String(value)}
            data-state={on ? 'on' : 'off'}
            onClick={toggle}
          >
            {words[word]}
          </button>
        );
      })}
      {SET_ELSEWHERE.map(([name, word, key]) => {
        const value = filters[name];
        if (!value) return null;
        const text = fill(words[word], { [key]: value });
        return (
          <span key={name} data-catalyst="user-admin-chip" data-filter={name} data-state="on">
            {text}{' '}
            <button
              type="button"
              aria-label={fill(words.removeFilter, { filter: text })}
              data-catalyst="user-admin-chip-remove"
              onClick={() => ctx.setFilter(name, undefined)}
            >
              ×
            </button>
          </span>
        );
      })}
      {Object.keys(chips).length > 0 && (
        <button
          type="button"
          data-catalyst="user-admin-clear-filters"
          onClick={() => ctx.setFilters(filters.q ? { q: filters.q } : {})}
        >
          {words.clearFilters}
        </button>
      )}
    </Primitive.div>
  );
}

/**
 * Previous and next page over the server's keyset cursors, and the page number. Rendered once
 * there is more than one page; "Next" is `data-state="pending"` while its page loads.
 */
export function Pager(props: NavProps) {
  const ctx = adminPanel.use('Pager');
  if (ctx.state !== 'ready' || !(ctx.hasNextPage || ctx.hasPreviousPage)) return null;
  return (
    <Primitive.nav aria-label={ctx.words.pagerLabel} data-catalyst="user-admin-pager" {...props}>
      <button
        type="button"
        disabled={!ctx.hasPreviousPage}
        data-catalyst="user-admin-previous"
        onClick={ctx.previousPage}
      >
        {ctx.words.previous}
      </button>{' '}
      <span data-catalyst="user-admin-page" aria-live="polite">
        {fill(ctx.words.page, { n: String(ctx.page + 1) })}
      </span>{' '}
      <button
        type="button"
        disabled={!ctx.hasNextPage || ctx.paging}
        data-catalyst="user-admin-next"
        data-state={ctx.paging ? 'pending' : undefined}
        onClick={() => void ctx.nextPage()}
      >
        {ctx.words.next}
      </button>
    </Primitive.nav>
  );
}
