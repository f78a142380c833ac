'use client';
import type { AdminUser } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { adminPanel, adminRow } from './admin-user-context.js';
import type { UserAdminPanelWords } from './admin-words.js';
import { partContent } from './default-content.js';
import { fill, KeyTime } from './key-parts.js';
import type { AdminUserColumn } from './use-admin-users.js';

/**
 * `UserAdminPanel`'s table: sortable column headers (`aria-sort`), one row per user of the page
 * shown with its selection checkbox (admins only: selection is for bulk writes), and a part per
 * cell so a composition of your own can place them.
 */

type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type InputProps = React.ComponentPropsWithoutRef<typeof Primitive.input>;

interface TableProps extends Omit<React.ComponentPropsWithoutRef<'table'>, 'children'> {
  /** The cells of one user's row (inside its `<tr>`); default: every column. */
  children?: (user: AdminUser) => React.ReactNode;
}

const SORTABLE: Array<[AdminUserColumn, keyof UserAdminPanelWords]> = [
  ['email', 'columnEmail'],
  ['created', 'columnCreated'],
  ['lastActive', 'columnLastActive'],
];

/** The page's users as a captioned table; rendered only in the `ready` state. */
export function Table({ children, ...props }: TableProps) {
  const ctx = adminPanel.use('Table');
  if (ctx.state !== 'ready') return null;
  const w = ctx.words;
  const header = (column: AdminUserColumn) => (
    <SortHeader column={column}>{w[SORTABLE.find(([c]) => c === column)![1]]}</SortHeader>
  );
  return (
    <table data-catalyst="user-admin-table" {...props}>
      <caption data-catalyst="user-admin-caption">{w.tableLabel}</caption>
      <thead>
        <tr>
          {ctx.canWrite && (
            <th scope="col" data-column="select">
              <SelectAll />
            </th>
          )}
          {header('email')}
          <th scope="col">{w.columnName}</th>
          <th scope="col">{w.columnRoles}</th>
          <th scope="col">{w.columnStatus}</th>
          <th scope="col">{w.columnLabels}</th>
          {header('created')}
          {header('lastActive')}
        </tr>
      </thead>
      <tbody data-catalyst="user-admin-rows">
        {ctx.users.map((user) => (
          <Row key={user.id} user={user}>
            {children ? children(user) : <DefaultCells />}
          </Row>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A column header that sorts on the server: `aria-sort` on the `<th>`, a button inside (again
 * on the same column reverses the order).
 */
export function SortHeader({
  column,
  children,
  ...props
}: React.ComponentPropsWithoutRef<'th'> & { column: AdminUserColumn }) {
  const ctx = adminPanel.use('SortHeader');
  const active = ctx.sort.replace('-', '') === column;
  const direction = !active ? 'none' : ctx.sort.startsWith('-') ? 'descending' : 'ascending';
  return (
    <th
      scope="col"
      aria-sort={direction}
      data-catalyst="user-admin-column"
      data-column={column}
      {...props}
    >
      <button
        type="button"
        data-catalyst="user-admin-sort"
        data-state={direction}
        onClick={() => ctx.toggleSort(column)}
      >
        {children}
      </button>
    </th>
  );
}

/** Selects every user on the page (mixed when some are): for admins only. */
export function SelectAll(props: InputProps) {
  const ctx = adminPanel.use('SelectAll');
  const ref = React.useRef<HTMLInputElement>(null);
  const count = ctx.users.filter((user) => ctx.selected.has(user.id)).length;
  const all = count > 0 && count === ctx.users.length;
  React.useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  if (!ctx.canWrite) return null;
  return (
    <Primitive.input
      ref={ref}
      type="checkbox"
      checked={all}
      aria-label={ctx.words.selectAll}
      data-catalyst="user-admin-select-all"
      onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
        ctx.selectPage(event.currentTarget.checked)
      }
      {...props}
    />
  );
}

/** One user: a `<tr>` with `data-user-id`, and `data-banned` / `data-selected` when they are. */
export function Row({
  user,
  ...props
}: React.ComponentPropsWithoutRef<'tr'> & { user: AdminUser }) {
  const ctx = adminPanel.use('Row');
  const Context = adminRow.get();
  return (
    <Context.Provider value={{ user }}>
      <tr
        data-catalyst="user-admin-row"
        data-user-id={user.id}
        data-banned={user.ban ? '' : undefined}
        data-selected={ctx.selected.has(user.id) ? '' : undefined}
        data-open={ctx.openUserId === user.id ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** The row's selection checkbox, for admins only. */
export function Select(props: InputProps) {
  const ctx = adminPanel.use('Select');
  const { user } = adminRow.use('Select');
  if (!ctx.canWrite) return null;
  return (
    <Primitive.input
      type="checkbox"
      checked={ctx.selected.has(user.id)}
      aria-label={fill(ctx.words.selectUser, { user: user.email })}
      data-catalyst="user-admin-select"
      onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
        ctx.select(user.id, event.currentTarget.checked)
      }
      {...props}
    />
  );
}

/** The email, as the button that opens the user's drawer. */
export function Open({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = adminPanel.use('Open');
  const { user } = adminRow.use('Open');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      aria-haspopup="dialog"
      aria-expanded={ctx.openUserId === user.id}
      aria-label={fill(ctx.words.openUser, { user: user.email })}
      data-catalyst="user-admin-open"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.openUser(user.id);
      }}
    >
      {partContent(asChild, children, user.email)}
    </Primitive.button>
  );
}

/** A cell's content: `render(user, words)` unless children are given. */
function cellPart(
  catalyst: string,
  part: string,
  render: (user: AdminUser, words: UserAdminPanelWords) => React.ReactNode,
) {
  return function CellPart({ asChild, children, ...props }: SpanProps) {
    const { user } = adminRow.use(part);
    const { words } = adminPanel.use(part);
    return (
      <Primitive.span asChild={asChild} data-catalyst={catalyst} {...props}>
        {partContent(asChild, children, render(user, words))}
      </Primitive.span>
    );
  };
}

export const Name = cellPart('user-admin-name', 'Name', (user, w) => user.name ?? w.none);
export const Roles = cellPart('user-admin-roles', 'Roles', (user, w) =>
  user.platformRoles.length > 0 ? user.platformRoles.join(', ') : w.none,
);

/** "Active", or "Banned" (until when, if the ban ends); `data-state="active|banned"`. */
export function Status(props: SpanProps) {
  const { user } = adminRow.use('Status');
  const { words } = adminPanel.use('Status');
  const until = user.ban?.expiresAt;
  // The date is a <time>: the words around it come from the template, wherever `{time}` sits.
  const [before, after = ''] = words.bannedUntil.split('{time}');
  return (
    <Primitive.span
      data-catalyst="user-admin-status"
      data-state={user.ban ? 'banned' : 'active'}
      {...props}
    >
      {!user.ban ? (
        words.statusActive
      ) : until ? (
        <>
          {before}
          <KeyTime value={until} catalyst="user-admin-ban-until" />
          {after}
        </>
      ) : (
        words.statusBanned
      )}
    </Primitive.span>
  );
}

/** The user's labels, each a button that filters the list by it. */
export function Labels(props: SpanProps) {
  const ctx = adminPanel.use('Labels');
  const { user } = adminRow.use('Labels');
  if (user.labels.length === 0) {
    return (
      <Primitive.span data-catalyst="user-admin-labels" {...props}>
        {ctx.words.none}
      </Primitive.span>
    );
  }
  return (
    <Primitive.span data-catalyst="user-admin-labels" {...props}>
      {user.labels.map((label) => (
        <button
          key={label}
          type="button"
          aria-pressed={ctx.filters.label === label}
          aria-label={fill(ctx.words.filterByLabel, { label })}
          data-catalyst="user-admin-label"
          onClick={() => ctx.setFilter('label', label)}
        >
          {label}
        </button>
      ))}
    </Primitive.span>
  );
}

export function Created(props: Omit<React.ComponentPropsWithoutRef<'time'>, 'children'>) {
  const { user } = adminRow.use('Created');
  return <KeyTime value={user.createdAt} catalyst="user-admin-created" {...props} />;
}

/** When the user was last active (relative), or "Never". */
export function LastActive(props: Omit<React.ComponentPropsWithoutRef<'time'>, 'children'>) {
  const { user } = adminRow.use('LastActive');
  const { words } = adminPanel.use('LastActive');
  if (!user.lastActiveAt) return <span data-catalyst="user-admin-last-active">{words.never}</span>;
  return (
    <KeyTime value={user.lastActiveAt} relative catalyst="user-admin-last-active" {...props} />
  );
}

/** Every column's cell, in the table's order (the checkbox only for admins). */
export function DefaultCells() {
  const ctx = adminPanel.use('Row');
  return (
    <>
      {ctx.canWrite && (
        <td>
          <Select />
        </td>
      )}
      <th scope="row">
        <Open />
      </th>
      <td>
        <Name />
      </td>
      <td>
        <Roles />
      </td>
      <td>
        <Status />
      </td>
      <td>
        <Labels />
      </td>
      <td>
        <Created />
      </td>
      <td>
        <LastActive />
      </td>
    </>
  );
}
