'use client';
import type { ClientError, Role } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useErrorText, useWords, type RoleManagerWords } from './localization.js';
import { useRoleName } from './role-words.js';
import { useRoles, type UseRolesResult } from './use-roles.js';

const WORDS: RoleManagerWords = {
  loading: 'Loading roles…',
  empty: 'No roles.',
  noOrg: 'No organization selected.',
  forbidden: 'You cannot see the roles of this organization.',
  builtIn: 'Built-in',
  newRole: 'New role',
  name: 'Role name',
  description: 'Description',
  permissions: 'Permissions',
  ungrantable: 'Permissions you do not hold yourself cannot be granted.',
  allPermissions: 'All permissions',
  create: 'Create role',
  edit: 'Edit',
  editLabel: 'Edit {role}',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  deleteLabel: 'Delete {role}',
};

interface ManagerContext extends UseRolesResult {
  words: RoleManagerWords;
  id: string;
  roleName(role: string): string;
  /** The custom role whose edit form is open. */
  editing: string | null;
  setEditing(name: string | null): void;
}

/** The permission checkboxes of whichever form they are in. */
interface PermissionsContext {
  id: string;
  selected: readonly string[];
  toggle(permission: string, on: boolean): void;
  disabled: boolean;
}

type CreateField = 'name' | 'description';

const manager = lazyContext<ManagerContext>('RoleManager');
const item = lazyContext<Role>('RoleManager', 'Item');
const createKit = lazyContext<FormKit<CreateField>>('RoleManager', 'CreateForm');
const permissionsOf = lazyContext<PermissionsContext>(
  'RoleManager',
  'CreateForm> or <RoleManager.EditForm',
);

const fill = (template: string, role: string) => template.replace('{role}', role);

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type FormProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>;

export interface RoleManagerProps extends DivProps {
  /** The org whose roles to manage; default: the session's active org. */
  orgId?: string | null;
  /** The permissions offered for custom roles; default the org routes' (`ORG_PERMISSIONS`). */
  permissions?: readonly string[];
}

/** Loads the roles; built-in ones are read-only, custom ones editable with `roles:manage`. */
function Root({ orgId, permissions, ...props }: RoleManagerProps) {
  const roles = useRoles(orgId, permissions ? { permissions } : {});
  const words = useWords('roleManager', WORDS);
  const roleName = useRoleName();
  const id = React.useId();
  const [editing, setEditing] = React.useState<string | null>(null);
  const Context = manager.get();
  return (
    <Context.Provider value={{ ...roles, words, id, roleName, editing, setEditing }}>
      <Primitive.div
        data-catalyst="role-manager"
        data-state={roles.state}
        data-can-manage={roles.canManage ? '' : undefined}
        aria-busy={roles.state === 'loading' || undefined}
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
      <Primitive.p asChild={asChild} data-catalyst={`role-manager-${state}`} {...props}>
        {partContent(asChild, children, words)}
      </Primitive.p>
    );
  };
}

/** Loading failed, or the last delete did (`role_in_use`); an alert with `data-code`. */
function ErrorPart({ asChild, children, ...props }: ParagraphProps) {
  const ctx = manager.use('Error');
  const text = useErrorText();
  if (!ctx.error || ctx.state === 'forbidden') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst="role-manager-error"
      data-code={ctx.error.code}
      {...props}
    >
      {partContent(asChild, children, text(ctx.error))}
    </Primitive.p>
  );
}

function useSelection(initial: readonly string[]) {
  const [selected, setSelected] = React.useState<readonly string[]>(initial);
  const toggle = React.useCallback(
    (permission: string, on: boolean) =>
      setSelected((current) =>
        on ? [...new Set([...current, permission])] : current.filter((p) => p !== permission),
      ),
    [],
  );
  return { selected, setSelected, toggle };
}

/**
 * The permission checkboxes, in a `<fieldset>`. A permission the caller does not hold is
 * disabled, and says why (`aria-describedby`): the server would refuse it with 403.
 */
function Permissions(props: Omit<React.ComponentPropsWithoutRef<'fieldset'>, 'children'>) {
  const ctx = manager.use('Permissions');
  const form = permissionsOf.use('Permissions');
  const noteId = `${form.id}-ungrantable`;
  const anyUngrantable = ctx.catalogue.some((permission) => !ctx.canGrant(permission));
  return (
    <fieldset data-catalyst="role-permissions" disabled={form.disabled} {...props}>
      <legend data-catalyst="legend">{ctx.words.permissions}</legend>
      {anyUngrantable && (
        <p id={noteId} data-catalyst="role-permissions-note">
          {ctx.words.ungrantable}
        </p>
      )}
      {ctx.catalogue.map((permission) => {
        const id = `${form.id}-permission-${permission.replace(/\W/g, '-')}`;
        const grantable = ctx.canGrant(permission);
        return (
          <div
            key={permission}
            data-catalyst="checkbox"
            data-name={permission}
            data-ungrantable={grantable ? undefined : ''}
          >
            <input
              id={id}
              type="checkbox"
              name="permissions"
              value={permission}
              checked={form.selected.includes(permission)}
              disabled={!grantable}
              aria-describedby={grantable ? undefined : noteId}
              onChange={(event) => form.toggle(permission, event.currentTarget.checked)}
              data-catalyst="input"
            />
            <label htmlFor={id} data-catalyst="label">
              {permission}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The new-role form; rendered only for callers with `roles:manage`. */
function CreateForm({ children, ...props }: FormProps) {
  const ctx = manager.use('CreateForm');
  const [values, setValues] = React.useState({ name: '', description: '' });
  const [error, setError] = React.useState<ClientError | null>(null);
  const permissions = useSelection([]);
  if (!ctx.canManage || ctx.orgId === null || ctx.state === 'forbidden') return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const description = values.description.trim();
    const result = await ctx.create({
      name: values.name.trim(),
      ...(description ? { description } : {}),
      permissions: [...permissions.selected],
    });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setValues({ name: '', description: '' });
    permissions.setSelected([]);
  };
  const kit: FormKit<CreateField> = {
    id: `${ctx.id}-create`,
    pending: ctx.creating,
    readOnly: false,
    error,
    isField: (field) => field === 'name' || field === 'description',
    label: (name) => ctx.words[name],
    input: (name) => ({
      type: 'text',
      autoComplete: 'off',
      ...(name === 'name' ? { required: true, maxLength: 40, spellCheck: false } : {}),
      value: values[name],
      onChange: (event) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [name]: value }));
      },
    }),
    submit: ctx.words.create,
  };
  const KitContext = createKit.get();
  const PermissionsContext = permissionsOf.get();
  return (
    <KitContext.Provider value={kit}>
      <PermissionsContext.Provider
        value={{
          id: kit.id,
          selected: permissions.selected,
          toggle: permissions.toggle,
          disabled: ctx.creating,
        }}
      >
        <Primitive.form
          noValidate
          aria-labelledby={`${kit.id}-title`}
          data-catalyst="role-create"
          data-state={ctx.creating ? 'pending' : error ? 'error' : 'idle'}
          aria-busy={ctx.creating || undefined}
          {...props}
          onSubmit={onSubmit}
        >
          {children}
        </Primitive.form>
      </PermissionsContext.Provider>
    </KitContext.Provider>
  );
}

const create = makeFormParts<CreateField>(createKit.use);

/** "New role": the create form's title (its accessible name). */
function CreateTitle({ asChild, children, ...props }: ParagraphProps) {
  const ctx = manager.use('CreateTitle');
  return (
    <Primitive.p
      asChild={asChild}
      id={`${ctx.id}-create-title`}
      data-catalyst="role-create-title"
      {...props}
    >
      {partContent(asChild, children, ctx.words.newRole)}
    </Primitive.p>
  );
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per role; default: name, badge, description, permissions, edit and delete. */
  children?: (role: Role) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = manager.use('Items');
  if (ctx.roles.length === 0) return null;
  return (
    <Primitive.ul data-catalyst="role-manager-items" {...props}>
      {ctx.roles.map((role) => (
        <React.Fragment key={role.name}>
          {children ? children(role) : <DefaultItem role={role} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.li>, 'role'> {
  /** The role this entry shows (the prop replaces the ARIA `role` attribute here). */
  role: Role;
}

function Item({ role, ...props }: ItemProps) {
  const ctx = manager.use('Item');
  const pending = ctx.isUpdating(role.name) || ctx.isDeleting(role.name);
  const Context = item.get();
  return (
    <Context.Provider value={role}>
      <Primitive.li
        data-catalyst="role"
        data-role={role.name}
        data-built-in={role.builtIn ? '' : undefined}
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
  const ctx = manager.use('Name');
  const role = item.use('Name');
  return (
    <Primitive.span asChild={asChild} data-catalyst="role-name" {...props}>
      {partContent(asChild, children, ctx.roleName(role.name))}
    </Primitive.span>
  );
}

/** "Built-in", on the built-in roles only. */
function BuiltIn({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.span>) {
  const ctx = manager.use('BuiltIn');
  const role = item.use('BuiltIn');
  if (!role.builtIn) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="role-built-in" {...props}>
      {partContent(asChild, children, ctx.words.builtIn)}
    </Primitive.span>
  );
}

function Description({ asChild, children, ...props }: ParagraphProps) {
  const role = item.use('Description');
  if (!role.description && children == null) return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="role-description" {...props}>
      {partContent(asChild, children, role.description)}
    </Primitive.p>
  );
}

/** The role's permissions, one `data-catalyst="role-permission"` each (`*` in words). */
function PermissionList(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'>,
) {
  const ctx = manager.use('PermissionList');
  const role = item.use('PermissionList');
  if (role.permissions.length === 0) return null;
  return (
    <Primitive.ul data-catalyst="role-permission-list" {...props}>
      {role.permissions.map((permission) => (
        <li key={permission} data-catalyst="role-permission" data-permission={permission}>
          {permission === '*' ? ctx.words.allPermissions : permission}
        </li>
      ))}
    </Primitive.ul>
  );
}

/** Opens the custom role's edit form; only where `canEdit(role)`. */
function Edit({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('Edit');
  const role = item.use('Edit');
  if (!ctx.canEdit(role) || ctx.editing === role.name) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="role-edit"
      aria-label={fill(ctx.words.editLabel, role.name)}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.setEditing(role.name);
      }}
    >
      {partContent(asChild, children, ctx.words.edit)}
    </Primitive.button>
  );
}

/**
 * The custom role's edit form (description and permissions), rendered while it is being edited.
 * The server's refusal (403 for a permission you do not hold) shows as an alert in it.
 */
function EditForm(props: FormProps) {
  const ctx = manager.use('EditForm');
  const role = item.use('EditForm');
  const text = useErrorText();
  const [description, setDescription] = React.useState(role.description ?? '');
  const [error, setError] = React.useState<ClientError | null>(null);
  const permissions = useSelection(role.permissions);
  const editing = ctx.editing === role.name;
  const { setSelected } = permissions;
  // Start from the server's role each time the form opens (not on every refetch while open).
  const server = React.useRef(role);
  server.current = role;
  React.useEffect(() => {
    if (!editing) return;
    setDescription(server.current.description ?? '');
    setSelected(server.current.permissions);
  }, [editing, setSelected]);
  if (!editing) return null;
  const pending = ctx.isUpdating(role.name);
  const id = `${ctx.id}-edit-${role.name}`;
  const close = () => {
    setError(null);
    ctx.setEditing(null);
  };
  const PermissionsContext = permissionsOf.get();
  return (
    <PermissionsContext.Provider
      value={{ id, selected: permissions.selected, toggle: permissions.toggle, disabled: pending }}
    >
      <Primitive.form
        noValidate
        aria-label={fill(ctx.words.editLabel, role.name)}
        data-catalyst="role-edit-form"
        data-state={pending ? 'pending' : error ? 'error' : 'idle'}
        aria-busy={pending || undefined}
        {...props}
        onKeyDown={(event: React.KeyboardEvent<HTMLFormElement>) => {
          if (event.key === 'Escape') close();
        }}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          setError(null);
          const result = await ctx.update(role.name, {
            description: description.trim() || null,
            permissions: [...permissions.selected],
          });
          if (result.ok) close();
          else setError(result.error);
        }}
      >
        {error && (
          <p role="alert" data-catalyst="error" data-code={error.code}>
            {text(error)}
          </p>
        )}
        <div data-catalyst="field" data-name="description">
          <label htmlFor={`${id}-description`} data-catalyst="label">
            {ctx.words.description}
          </label>
          <input
            id={`${id}-description`}
            type="text"
            value={description}
            disabled={pending}
            onChange={(event) => setDescription(event.currentTarget.value)}
            data-catalyst="input"
          />
        </div>
        <Permissions />
        <button
          type="submit"
          disabled={pending}
          data-catalyst="submit"
          data-state={pending ? 'pending' : undefined}
        >
          {ctx.words.save}
        </button>
        <button type="button" onClick={close} data-catalyst="role-edit-cancel">
          {ctx.words.cancel}
        </button>
      </Primitive.form>
    </PermissionsContext.Provider>
  );
}

/** Deletes the custom role; only where `canEdit(role)`. `role_in_use` shows in `Error`. */
function Delete({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = manager.use('Delete');
  const role = item.use('Delete');
  if (!ctx.canEdit(role)) return null;
  const pending = ctx.isDeleting(role.name);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="role-delete"
      data-state={pending ? 'pending' : undefined}
      disabled={pending}
      aria-label={fill(ctx.words.deleteLabel, role.name)}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void ctx.remove(role.name);
      }}
    >
      {partContent(asChild, children, ctx.words.delete)}
    </Primitive.button>
  );
}

function DefaultItem({ role }: { role: Role }) {
  const ctx = manager.use('Item');
  return (
    <Item role={role}>
      <Name /> <BuiltIn /> <Edit /> <Delete />
      <Description />
      {ctx.editing === role.name ? <EditForm /> : <PermissionList />}
    </Item>
  );
}

const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

function DefaultRoleManager(props: RoleManagerProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
      <CreateForm>
        <CreateTitle />
        <create.Error />
        <div data-catalyst="field" data-name="name">
          <create.Label name="name" />
          <create.Field name="name" />
          <create.Error field="name" />
        </div>
        <div data-catalyst="field" data-name="description">
          <create.Label name="description" />
          <create.Field name="description" />
          <create.Error field="description" />
        </div>
        <Permissions />
        <create.Submit />
      </CreateForm>
    </Root>
  );
}

export type RoleManagerItemsProps = ItemsProps;
export type RoleManagerItemProps = ItemProps;

/**
 * `<RoleManager />` is the default composition; `RoleManager.Root`, `.Loading`, `.Empty`,
 * `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Name`, `.BuiltIn`, `.Description`,
 * `.PermissionList`, `.Edit`, `.EditForm`, `.Delete`, `.CreateForm` (with `.CreateForm.Title`,
 * `.Label`, `.Field`, `.Error`, `.Submit`) and `.Permissions` (inside either form) compose your own.
 */
export const RoleManager = Object.assign(DefaultRoleManager, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Name,
  BuiltIn,
  Description,
  PermissionList,
  Edit,
  EditForm,
  Delete,
  CreateForm: Object.assign(CreateForm, { Title: CreateTitle, ...create }),
  Permissions,
});
