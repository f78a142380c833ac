'use client';
import type { Member } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { useErrorText, useWords, type MemberListWords } from './localization.js';
import { useRoleName } from './role-words.js';
import { useOrgMembers, type UseOrgMembersResult } from './use-org-members.js';

const WORDS: MemberListWords = {
  loading: 'Loading members…',
  empty: 'No members yet.',
  noOrg: 'No organization selected.',
  forbidden: 'You cannot see the members of this organization.',
  you: 'You',
  roleLabel: 'Role of {member}',
  remove: 'Remove',
  removeLabel: 'Remove {member}',
  leave: 'Leave',
  loadMore: 'Show more',
};

interface ListContext extends UseOrgMembersResult {
  words: MemberListWords;
  roleName(role: string): string;
}

const list = lazyContext<ListContext>('MemberList');
const item = lazyContext<Member>('MemberList', 'Item');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

const display = (member: Member) => member.name ?? member.email;

export interface MemberListProps extends DivProps {
  /** The org whose members to list; default: the session's active org. */
  orgId?: string | null;
}

/** Loads the members and shares them with the parts; `data-state` says which state it is in. */
function Root({ orgId, ...props }: MemberListProps) {
  const members = useOrgMembers(orgId);
  const words = useWords('memberList', WORDS);
  const roleName = useRoleName();
  const Context = list.get();
  return (
    <Context.Provider value={{ ...members, words, roleName }}>
      <Primitive.div
        data-catalyst="member-list"
        data-state={members.state}
        data-can-manage={members.canManage ? '' : undefined}
        aria-busy={members.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const ctx = list.use(part);
    if (ctx.state !== state) return null;
    const words = state === 'empty' && ctx.orgId === null ? ctx.words.noOrg : ctx.words[state];
    return (
      <Primitive.p asChild={asChild} data-catalyst={`member-list-${state}`} {...props}>
        {partContent(asChild, children, words)}
      </Primitive.p>
    );
  };
}

/** Loading failed, or the last change did (e.g. `409 last_owner`); an alert with `data-code`. */
function ErrorPart({ asChild, children, ...props }: ParagraphProps) {
  const ctx = list.use('Error');
  const text = useErrorText();
  if (!ctx.error || ctx.state === 'forbidden') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst="member-list-error"
      data-code={ctx.error.code}
      {...props}
    >
      {partContent(asChild, children, text(ctx.error))}
    </Primitive.p>
  );
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per member; default: name, email, roles (or the role picker), groups, remove. */
  children?: (member: Member) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = list.use('Items');
  if (ctx.members.length === 0) return null;
  return (
    <Primitive.ul data-catalyst="member-list-items" {...props}>
      {ctx.members.map((member) => (
        <React.Fragment key={member.userId}>
          {children ? children(member) : <DefaultItem member={member} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  member: Member;
}

function Item({ member, ...props }: ItemProps) {
  const ctx = list.use('Item');
  const Context = item.get();
  return (
    <Context.Provider value={member}>
      <Primitive.li
        data-catalyst="member"
        data-user-id={member.userId}
        data-self={ctx.isSelf(member) ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function Name({ asChild, children, ...props }: SpanProps) {
  const member = item.use('Name');
  return (
    <Primitive.span asChild={asChild} data-catalyst="member-name" {...props}>
      {partContent(asChild, children, display(member))}
    </Primitive.span>
  );
}

/** The email address; not rendered when the name already is the address. */
function Email({ asChild, children, ...props }: SpanProps) {
  const member = item.use('Email');
  if (member.name === null && children == null) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="member-email" {...props}>
      {partContent(asChild, children, member.email)}
    </Primitive.span>
  );
}

/** "You", on the caller's own row only. */
function You({ asChild, children, ...props }: SpanProps) {
  const ctx = list.use('You');
  const member = item.use('You');
  if (!ctx.isSelf(member)) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="member-you" {...props}>
      {partContent(asChild, children, ctx.words.you)}
    </Primitive.span>
  );
}

/** The member's roles, one `data-catalyst="member-role"` each (built-ins in the provider's words). */
function Roles(props: Omit<SpanProps, 'children'>) {
  const ctx = list.use('Roles');
  const member = item.use('Roles');
  return (
    <Primitive.span data-catalyst="member-roles" {...props}>
      {member.roles.map((role) => (
        <span key={role} data-catalyst="member-role" data-role={role}>
          {ctx.roleName(role)}
        </span>
      ))}
    </Primitive.span>
  );
}

/** The member's groups by name; not rendered when they are in none. */
function Groups(props: Omit<SpanProps, 'children'>) {
  const ctx = list.use('Groups');
  const member = item.use('Groups');
  if (member.groups.length === 0) return null;
  return (
    <Primitive.span data-catalyst="member-groups" {...props}>
      {member.groups.map((id) => (
        <span key={id} data-catalyst="member-group" data-group-id={id}>
          {ctx.groups.get(id)?.name ?? id}
        </span>
      ))}
    </Primitive.span>
  );
}

/**
 * A picker for the member's (first) role; other roles they hold are kept. Rendered only for
 * callers with `members:manage`; disabled for an owner when the caller may not transfer
 * ownership. The last owner cannot be demoted: the server's `last_owner` shows in `Error`.
 */
function RoleSelect({
  onChange,
  ...props
}: Omit<React.ComponentPropsWithoutRef<typeof Primitive.select>, 'value' | 'children'>) {
  const ctx = list.use('RoleSelect');
  const member = item.use('RoleSelect');
  if (!ctx.canChangeRoles(member)) return null;
  const current = member.roles[0] ?? '';
  const options = [...new Set([...ctx.assignableRoles, ...member.roles])];
  const pending = ctx.isUpdating(member.userId);
  const locked = !ctx.assignableRoles.includes(current);
  return (
    <Primitive.select
      aria-label={ctx.words.roleLabel.replace('{member}', display(member))}
      data-catalyst="member-role-select"
      data-state={pending ? 'pending' : undefined}
      disabled={pending || locked}
      value={current}
      {...props}
      onChange={(event: React.ChangeEvent<HTMLSelectElement>) => {
        onChange?.(event);
        if (event.defaultPrevented) return;
        const next = event.currentTarget.value;
        void ctx.setRoles(member.userId, [next, ...member.roles.filter((r) => r !== current)]);
      }}
    >
      {options.map((role) => (
        <option key={role} value={role} disabled={!ctx.assignableRoles.includes(role)}>
          {ctx.roleName(role)}
        </option>
      ))}
    </Primitive.select>
  );
}

/** Removes the member ("Leave" on your own row). Not rendered when the caller may not. */
function Remove({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = list.use('Remove');
  const member = item.use('Remove');
  if (!ctx.canRemove(member)) return null;
  const pending = ctx.isRemoving(member.userId);
  const self = ctx.isSelf(member);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="member-remove"
      data-state={pending ? 'pending' : undefined}
      disabled={pending}
      aria-label={self ? undefined : ctx.words.removeLabel.replace('{member}', display(member))}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void ctx.remove(member.userId);
      }}
    >
      {partContent(asChild, children, self ? ctx.words.leave : ctx.words.remove)}
    </Primitive.button>
  );
}

/** Loads the next page; rendered only while the server has more. */
function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = list.use('LoadMore');
  if (!ctx.hasMore) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="member-list-more"
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

function DefaultItem({ member }: { member: Member }) {
  const ctx = list.use('Item');
  return (
    <Item member={member}>
      <Name /> <You /> <Email /> {ctx.canChangeRoles(member) ? <RoleSelect /> : <Roles />}{' '}
      <Groups /> <Remove />
    </Item>
  );
}

const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

function DefaultMemberList(props: MemberListProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
      <LoadMore />
    </Root>
  );
}

export type MemberListItemsProps = ItemsProps;
export type MemberListItemProps = ItemProps;

/**
 * `<MemberList />` is the default composition; `MemberList.Root`, `.Loading`, `.Empty`,
 * `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Name`, `.Email`, `.You`, `.Roles`, `.Groups`,
 * `.RoleSelect`, `.Remove` and `.LoadMore` compose your own.
 */
export const MemberList = Object.assign(DefaultMemberList, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Name,
  Email,
  You,
  Roles,
  Groups,
  RoleSelect,
  Remove,
  LoadMore,
});
