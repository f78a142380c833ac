'use client';
import type { ClientError, Group, GroupMember } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useErrorText, useWords, type GroupManagerWords } from './localization.js';
import { useGroupMembers, useGroups, type UseGroupsResult } from './use-groups.js';

const WORDS: GroupManagerWords = {
  loading: 'Loading groups…',
  empty: 'No groups yet.',
  noOrg: 'No organization selected.',
  forbidden: 'You cannot see the groups of this organization.',
  name: 'Group name',
  create: 'Create group',
  rename: 'Rename',
  renameLabel: 'Rename {group}',
  newName: 'New name for {group}',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  deleteLabel: 'Delete {group}',
  members: 'Members',
  membersLabel: 'Members of {group}',
  membersLoading: 'Loading members…',
  membersEmpty: 'Nobody is in this group yet.',
  addMember: 'Add',
  addMemberLabel: 'Add a member to {group}',
  chooseMember: 'Choose a member…',
  removeMember: 'Remove',
  removeMemberLabel: 'Remove {member} from {group}',
  loadMore: 'Show more',
};

interface ManagerContext extends UseGroupsResult {
  words: GroupManagerWords;
  id: string;
  /** The group whose rename form is open. */
  editing: string | null;
  setEditing(groupId: string | null): void;
  expanded: ReadonlySet<string>;
  toggle(groupId: string): void;
}

const manager = lazyContext<ManagerContext>('GroupManager');
const item = lazyContext<Group>('GroupManager', 'Item');
const createKit = lazyContext<FormKit<'name'>>('GroupManager', 'CreateForm');

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export interface GroupManagerProps extends DivProps {
  /** The org whose groups to manage; default: the session's active org. */
  orgId?: string | null;
}

/** Loads the groups; holds which group is being renamed and which show their members. */
function Root({ orgId, ...props }: GroupManagerProps) {
  const groups = useGroups(orgId);
  const words = useWords('groupManager', WORDS);
  const id = React.useId();
  const [editing, setEditing] = React.useState<string | null>(null);
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const toggle = React.useCallback(
    (groupId: string) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (!next.delete(groupId)) next.add(groupId);
        return next;
      }),
    [],
  );
  const Context = manager.get();
  return (
    <Context.Provider value={{ ...groups, words, id, editing, setEditing, expanded, toggle }}>
      <Primitive.div
        data-catalyst="group-manager"
        data-state={groups.state}
        data-can-manage={groups.canManage ? '' : undefined}
        aria-busy={groups.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const ctx = manager.use(part);
    if (ctx.state !== state) return null;
    const words = state === 'empty' && ctx.orgId === null ? ctx.words.noOrg : ctx.words[state];
    return (
      <Primitive.p asChild={asChild} data-catalyst={`group-manager-${state}`} {...props}>
        {partContent(asChild, children, words)}
      </Primitive.p>
    );
  };
}

/** Loading failed, or the last rename or delete did; an alert with `data-code`. */
function ErrorPart({ asChild, children, ...props }: ParagraphProps) {
  const ctx = manager.use('Error');
  const text = useErrorText();
  if (!ctx.error || ctx.state === 'forbidden') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst="group-manager-error"
      data-code={ctx.error.code}
      {...props}
    >
      {partContent(asChild, children, text(ctx.error))}
    </Primitive.p>
  );
}

/** The new-group form; rendered only for callers with `groups:manage`. */
function CreateForm({
  children,
  ...props
}: Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>) {
  const ctx = manager.use('CreateForm');
  const [name, setName] = React.useState('');
  const [error, setError] = React.useState<ClientError | null>(null);
  if (!ctx.canManage || ctx.orgId === null || ctx.state === 'forbidden') return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const result = await ctx.create({ name: name.trim() });
    if (result.ok) setName('');
    else setError(result.error);
  };
  const kit: FormKit<'name'> = {
    id: `${ctx.id}-create`,
    pending: ctx.creating,
    readOnly: false,
    error,
    isField: (field) => field === 'name',
    label: () => ctx.words.name,
    input: () => ({
      type: 'text',
      required: true,
      maxLength: 100,
      autoComplete: 'off',
      value: name,
      onChange: (event) => setName(event.currentTarget.value),
    }),
    submit: ctx.words.create,
  };
  const Context = createKit.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        data-catalyst="group-create"
        data-state={ctx.creating ? 'pending' : error ? 'error' : 'idle'}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const create = makeFormParts<'name'>(createKit.use);

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per group; default: name (or the rename form), actions, and the members panel. */
  children?: (group: Group) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = manager.use('Items');
  if (ctx.groups.length === 0) return null;
  return (
    <Primitive.ul data-catalyst="group-manager-items" {...props}>
      {ctx.groups.map((group) => (
        <React.Fragment key={group.id}>
          {children ? children(group) : <DefaultItem group={group} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  group: Group;
}

function Item({ group, ...props }: ItemProps) {
  const ctx = manager.use('Item');
  const pending = ctx.isDeleting(group.id) || ctx.isRenaming(group.id);
  const Context = item.get();
  return (
    <Context.Provider value={group}>
      <Primitive.li
        data-catalyst="group"
        data-group-id={group.id}
        data-state={pending ? 'pending' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function Name({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.span>) {
  const group = item.use('Name');
  return (
    <Primitive.span asChild={asChild} data-catalyst="group-name" {...props}>
      {partContent(asChild, children, group.name)}
    </Primitive.span>
  );
}

/** Opens the group's rename form; only for `groups:manage`. */
function Rename({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('Rename');
  const group = item.use('Rename');
  if (!ctx.canManage || ctx.editing === group.id) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="group-rename"
      aria-label={fill(ctx.words.renameLabel, { group: group.name })}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.setEditing(group.id);
      }}
    >
      {partContent(asChild, children, ctx.words.rename)}
    </Primitive.button>
  );
}

/**
 * The inline rename form, rendered while the group is being renamed: a labelled input (focused),
 * save and cancel; Escape cancels. `group_name_taken` shows on the input.
 */
function RenameForm(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>,
) {
  const ctx = manager.use('RenameForm');
  const group = item.use('RenameForm');
  const [name, setName] = React.useState(group.name);
  const [error, setError] = React.useState<ClientError | null>(null);
  const text = useErrorText();
  const ref = React.useRef<HTMLInputElement>(null);
  const editing = ctx.editing === group.id;
  React.useEffect(() => {
    if (!editing) return;
    setName(group.name);
    ref.current?.focus();
  }, [editing, group.name]);
  if (!editing) return null;
  const pending = ctx.isRenaming(group.id);
  const inputId = `${ctx.id}-rename-${group.id}`;
  const errorId = `${inputId}-error`;
  const close = () => {
    setError(null);
    ctx.setEditing(null);
  };
  return (
    <Primitive.form
      noValidate
      data-catalyst="group-rename-form"
      data-state={pending ? 'pending' : error ? 'error' : 'idle'}
      {...props}
      onKeyDown={(event: React.KeyboardEvent<HTMLFormElement>) => {
        if (event.key === 'Escape') close();
      }}
      onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setError(null);
        const result = await ctx.rename(group.id, name.trim());
        if (result.ok) close();
        else setError(result.error);
      }}
    >
      <label htmlFor={inputId} data-catalyst="label">
        {fill(ctx.words.newName, { group: group.name })}
      </label>
      <input
        ref={ref}
        id={inputId}
        type="text"
        required
        maxLength={100}
        value={name}
        disabled={pending}
        onChange={(event) => setName(event.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-catalyst="input"
        data-invalid={error ? '' : undefined}
      />
      {error && (
        <p id={errorId} role="alert" data-catalyst="error" data-code={error.code}>
          {text(error)}
        </p>
      )}
      <button type="submit" disabled={pending} data-catalyst="submit">
        {ctx.words.save}
      </button>
      <button type="button" onClick={close} data-catalyst="group-rename-cancel">
        {ctx.words.cancel}
      </button>
    </Primitive.form>
  );
}

/** Deletes the group; only for `groups:manage`. */
function Delete({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('Delete');
  const group = item.use('Delete');
  if (!ctx.canManage) return null;
  const pending = ctx.isDeleting(group.id);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="group-delete"
      data-state={pending ? 'pending' : undefined}
      disabled={pending}
      aria-label={fill(ctx.words.deleteLabel, { group: group.name })}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void ctx.remove(group.id);
      }}
    >
      {partContent(asChild, children, ctx.words.delete)}
    </Primitive.button>
  );
}

const membersId = (ctx: ManagerContext, group: Group) => `${ctx.id}-members-${group.id}`;

/** Shows or hides the group's members (`aria-expanded`, `aria-controls`). */
function MembersToggle({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('MembersToggle');
  const group = item.use('MembersToggle');
  const open = ctx.expanded.has(group.id);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      aria-expanded={open}
      aria-controls={open ? membersId(ctx, group) : undefined}
      aria-label={fill(ctx.words.membersLabel, { group: group.name })}
      data-catalyst="group-members-toggle"
      data-state={open ? 'open' : 'closed'}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.toggle(group.id);
      }}
    >
      {partContent(asChild, children, ctx.words.members)}
    </Primitive.button>
  );
}

/**
 * The group's members, rendered while expanded: each with a remove button, and a picker of the
 * org's other members to add (both only for `groups:manage`). `data-state` is the list's.
 */
function Members(props: Omit<DivProps, 'children'>) {
  const ctx = manager.use('Members');
  const group = item.use('Members');
  if (!ctx.expanded.has(group.id)) return null;
  return <MembersPanel ctx={ctx} group={group} {...props} />;
}

function MembersPanel({
  ctx,
  group,
  ...props
}: Omit<DivProps, 'children'> & { ctx: ManagerContext; group: Group }) {
  const members = useGroupMembers(group.id, ctx.orgId);
  const text = useErrorText();
  const [choice, setChoice] = React.useState('');
  const words = ctx.words;
  const pickerId = `${membersId(ctx, group)}-add`;
  const display = (member: Pick<GroupMember, 'name' | 'email'>) => member.name ?? member.email;
  return (
    <Primitive.div
      id={membersId(ctx, group)}
      role="group"
      aria-label={fill(words.membersLabel, { group: group.name })}
      data-catalyst="group-members"
      data-state={members.state}
      aria-busy={members.state === 'loading' || undefined}
      {...props}
    >
      {members.state === 'loading' && (
        <p data-catalyst="group-members-loading">{words.membersLoading}</p>
      )}
      {members.state === 'empty' && <p data-catalyst="group-members-empty">{words.membersEmpty}</p>}
      {members.error && (
        <p role="alert" data-catalyst="group-members-error" data-code={members.error.code}>
          {text(members.error)}
        </p>
      )}
      {members.members.length > 0 && (
        <ul data-catalyst="group-members-items">
          {members.members.map((member) => (
            <li key={member.userId} data-catalyst="group-member" data-user-id={member.userId}>
              <span data-catalyst="group-member-name">{display(member)}</span>{' '}
              {members.canManage && (
                <button
                  type="button"
                  data-catalyst="group-member-remove"
                  data-state={members.isRemoving(member.userId) ? 'pending' : undefined}
                  disabled={members.isRemoving(member.userId)}
                  aria-label={fill(words.removeMemberLabel, {
                    member: display(member),
                    group: group.name,
                  })}
                  onClick={() => void members.remove(member.userId)}
                >
                  {words.removeMember}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {members.canManage && members.candidates.length > 0 && (
        <form
          data-catalyst="group-member-add"
          data-state={members.adding ? 'pending' : 'idle'}
          onSubmit={async (event) => {
            event.preventDefault();
            if (choice && (await members.add(choice))) setChoice('');
          }}
        >
          <label htmlFor={pickerId} data-catalyst="label">
            {fill(words.addMemberLabel, { group: group.name })}
          </label>
          <select
            id={pickerId}
            value={choice}
            disabled={members.adding}
            onChange={(event) => setChoice(event.currentTarget.value)}
            data-catalyst="input"
          >
            <option value="">{words.chooseMember}</option>
            {members.candidates.map((member) => (
              <option key={member.userId} value={member.userId}>
                {display(member)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!choice || members.adding} data-catalyst="submit">
            {words.addMember}
          </button>
        </form>
      )}
    </Primitive.div>
  );
}

/** Loads the next page of groups; rendered only while the server has more. */
function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('LoadMore');
  if (!ctx.hasMore) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="group-manager-more"
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

function DefaultItem({ group }: { group: Group }) {
  const ctx = manager.use('Item');
  return (
    <Item group={group}>
      {ctx.editing === group.id ? <RenameForm /> : <Name />} <MembersToggle /> <Rename /> <Delete />
      <Members />
    </Item>
  );
}

const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

function DefaultGroupManager(props: GroupManagerProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <CreateForm>
        <create.Error />
        <div data-catalyst="field" data-name="name">
          <create.Label name="name" />
          <create.Field name="name" />
          <create.Error field="name" />
        </div>
        <create.Submit />
      </CreateForm>
      <Empty />
      <Items />
      <LoadMore />
    </Root>
  );
}

export type GroupManagerItemsProps = ItemsProps;
export type GroupManagerItemProps = ItemProps;

/**
 * `<GroupManager />` is the default composition; `GroupManager.Root`, `.Loading`, `.Empty`,
 * `.Forbidden`, `.Error`, `.CreateForm` (with `.CreateForm.Label`, `.Field`, `.Error`,
 * `.Submit`), `.Items`, `.Item`, `.Name`, `.Rename`, `.RenameForm`, `.Delete`, `.MembersToggle`,
 * `.Members` and `.LoadMore` compose your own.
 */
export const GroupManager = Object.assign(DefaultGroupManager, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  CreateForm: Object.assign(CreateForm, create),
  Items,
  Item,
  Name,
  Rename,
  RenameForm,
  Delete,
  MembersToggle,
  Members,
  LoadMore,
});
