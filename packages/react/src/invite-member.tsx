'use client';
import type { ClientError, CreatedInviteLink, Invitation } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords, type InviteMemberWords } from './localization.js';
import { useRoleName } from './role-words.js';
import { useInviteMember, type UseInviteMemberResult } from './use-invite-member.js';

const WORDS: InviteMemberWords = {
  loading: 'Loading…',
  noOrg: 'No organization selected.',
  forbidden: 'Only members with the invitations:manage permission can invite people.',
  emailTitle: 'Invite by email',
  email: 'Email address',
  roles: 'Roles',
  sendInvitation: 'Send invitation',
  sent: 'Invitation sent to {email}.',
  linkTitle: 'Invite link',
  maxUses: 'Maximum uses (empty: unlimited)',
  expires: 'Expires after',
  oneDay: '1 day',
  sevenDays: '7 days',
  thirtyDays: '30 days',
  never: 'Never',
  createLink: 'Create invite link',
  link: 'Link to share',
  linkOnce: 'Copy this link now: it will not be shown again.',
  copy: 'Copy link',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the link and copy it yourself.',
  done: 'Done',
};

interface InviteContext extends UseInviteMemberResult {
  words: InviteMemberWords;
  id: string;
  onInvited: ((invitation: Invitation) => void) | undefined;
  onLinkCreated: ((link: CreatedInviteLink) => void) | undefined;
  onError: ((error: ClientError) => void) | undefined;
}

/** The roles checkboxes of whichever form they are in. */
interface RolesContext {
  id: string;
  selected: string[];
  toggle(role: string, on: boolean): void;
  disabled: boolean;
}

type EmailField = 'email';
type LinkField = 'maxUses';

const invite = lazyContext<InviteContext>('InviteMember');
const emailKit = lazyContext<FormKit<EmailField>>('InviteMember.EmailForm', 'EmailForm');
const linkKit = lazyContext<FormKit<LinkField> & { expiry: Expiry; setExpiry(e: Expiry): void }>(
  'InviteMember.LinkForm',
  'LinkForm',
);
const rolesOf = lazyContext<RolesContext>('InviteMember', 'EmailForm> or <InviteMember.LinkForm');

type Expiry = '1d' | '7d' | '30d' | 'never';
const DAYS: Record<Expiry, number | null> = { '1d': 1, '7d': 7, '30d': 30, never: null };

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type FormProps = Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>;

export interface InviteMemberProps extends Omit<DivProps, 'onError'> {
  /** The org to invite to; default: the session's active org. */
  orgId?: string | null;
  onInvited?: (invitation: Invitation) => void;
  onLinkCreated?: (link: CreatedInviteLink) => void;
  onError?: (error: ClientError) => void;
}

/**
 * Knows the org, the caller's right to invite and the org's roles. `data-state` is `loading`,
 * `empty` (no org), `forbidden` (no `invitations:manage`) or `ready`; the forms render only then.
 */
function Root({ orgId, onInvited, onLinkCreated, onError, ...props }: InviteMemberProps) {
  const hook = useInviteMember(orgId);
  const words = useWords('inviteMember', WORDS);
  const id = React.useId();
  const Context = invite.get();
  return (
    <Context.Provider value={{ ...hook, words, id, onInvited, onLinkCreated, onError }}>
      <Primitive.div
        data-catalyst="invite-member"
        data-state={hook.state}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function useRoleSelection(initial: string[]) {
  const [selected, setSelected] = React.useState(initial);
  const toggle = React.useCallback(
    (role: string, on: boolean) =>
      setSelected((current) =>
        on ? [...new Set([...current, role])] : current.filter((r) => r !== role),
      ),
    [],
  );
  return { selected, setSelected, toggle };
}

const formState = (pending: boolean, error: ClientError | null) =>
  pending ? 'pending' : error ? 'error' : 'idle';

/** The email invitation form (rendered only when the caller may invite). */
function EmailForm({ children, ...props }: FormProps) {
  const ctx = invite.use('EmailForm');
  const [email, setEmail] = React.useState('');
  const roles = useRoleSelection(['member']);
  if (ctx.state !== 'ready') return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await ctx.invite({ email: email.trim(), roles: roles.selected });
    if (!result.ok) {
      ctx.onError?.(result.error);
      return;
    }
    setEmail('');
    ctx.onInvited?.(result.data);
  };
  const kit: FormKit<EmailField> = {
    id: `${ctx.id}-email`,
    pending: ctx.inviting,
    readOnly: false,
    error: ctx.inviteError,
    isField: (field) => field === 'email',
    label: () => ctx.words.email,
    input: () => ({
      type: 'email',
      autoComplete: 'off',
      required: true,
      value: email,
      onChange: (event) => setEmail(event.currentTarget.value),
    }),
    submit: ctx.words.sendInvitation,
  };
  const KitContext = emailKit.get();
  const RolesContext = rolesOf.get();
  return (
    <KitContext.Provider value={kit}>
      <RolesContext.Provider
        value={{
          id: kit.id,
          selected: roles.selected,
          toggle: roles.toggle,
          disabled: kit.pending,
        }}
      >
        <Primitive.form
          noValidate
          aria-labelledby={`${kit.id}-title`}
          data-catalyst="invite-email"
          data-state={formState(ctx.inviting, ctx.inviteError)}
          aria-busy={ctx.inviting || undefined}
          {...props}
          onSubmit={onSubmit}
        >
          {children}
        </Primitive.form>
      </RolesContext.Provider>
    </KitContext.Provider>
  );
}

/** The invite-link form: roles, maximum uses, expiry (rendered only when the caller may invite). */
function LinkForm({ children, ...props }: FormProps) {
  const ctx = invite.use('LinkForm');
  const [maxUses, setMaxUses] = React.useState('');
  const [expiry, setExpiry] = React.useState<Expiry>('7d');
  const roles = useRoleSelection(['member']);
  if (ctx.state !== 'ready') return null;
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = DAYS[expiry];
    const uses = maxUses.trim() === '' ? null : Number(maxUses);
    const result = await ctx.createLink({
      roles: roles.selected,
      maxUses: uses,
      expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString(),
    });
    if (!result.ok) {
      ctx.onError?.(result.error);
      return;
    }
    setMaxUses('');
    ctx.onLinkCreated?.(result.data);
  };
  const kit = {
    id: `${ctx.id}-link`,
    pending: ctx.creatingLink,
    readOnly: false,
    error: ctx.linkError,
    isField: (field: string) => field === 'maxUses' || field === 'expiresAt',
    label: () => ctx.words.maxUses,
    input: () => ({
      type: 'number',
      inputMode: 'numeric' as const,
      min: 1,
      step: 1,
      value: maxUses,
      onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
        setMaxUses(event.currentTarget.value),
    }),
    submit: ctx.words.createLink,
    expiry,
    setExpiry,
  };
  const KitContext = linkKit.get();
  const RolesContext = rolesOf.get();
  return (
    <KitContext.Provider value={kit}>
      <RolesContext.Provider
        value={{
          id: kit.id,
          selected: roles.selected,
          toggle: roles.toggle,
          disabled: kit.pending,
        }}
      >
        <Primitive.form
          noValidate
          aria-labelledby={`${kit.id}-title`}
          data-catalyst="invite-link-form"
          data-state={formState(ctx.creatingLink, ctx.linkError)}
          aria-busy={ctx.creatingLink || undefined}
          {...props}
          onSubmit={onSubmit}
        >
          {children}
        </Primitive.form>
      </RolesContext.Provider>
    </KitContext.Provider>
  );
}

/** A form's title (its accessible name): "Invite by email" or "Invite link". */
function title(form: 'email' | 'link') {
  return function Title({ asChild, children, ...props }: ParagraphProps) {
    const ctx = invite.use('Title');
    return (
      <Primitive.p
        asChild={asChild}
        id={`${ctx.id}-${form}-title`}
        data-catalyst="invite-member-title"
        {...props}
      >
        {partContent(
          asChild,
          children,
          form === 'email' ? ctx.words.emailTitle : ctx.words.linkTitle,
        )}
      </Primitive.p>
    );
  };
}

/** The roles the invitation or link grants, as checkboxes in a `<fieldset>`. */
function Roles(props: Omit<React.ComponentPropsWithoutRef<'fieldset'>, 'children'>) {
  const ctx = invite.use('Roles');
  const roles = rolesOf.use('Roles');
  const roleName = useRoleName();
  return (
    <fieldset data-catalyst="invite-member-roles" disabled={roles.disabled} {...props}>
      <legend data-catalyst="legend">{ctx.words.roles}</legend>
      {ctx.roles.map((role) => {
        const id = `${roles.id}-role-${role.name}`;
        return (
          <div key={role.name} data-catalyst="checkbox" data-name={role.name}>
            <input
              id={id}
              type="checkbox"
              name="roles"
              value={role.name}
              checked={roles.selected.includes(role.name)}
              onChange={(event) => roles.toggle(role.name, event.currentTarget.checked)}
              data-catalyst="input"
            />
            <label htmlFor={id} data-catalyst="label">
              {roleName(role.name)}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** How long the link stays valid: 1, 7 or 30 days, or never. */
function Expires(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.select>, 'value' | 'children'>,
) {
  const ctx = invite.use('Expires');
  const kit = linkKit.use('Expires');
  const id = fieldDomId(kit.id, 'expiresAt');
  const options: Array<[Expiry, string]> = [
    ['1d', ctx.words.oneDay],
    ['7d', ctx.words.sevenDays],
    ['30d', ctx.words.thirtyDays],
    ['never', ctx.words.never],
  ];
  return (
    <div data-catalyst="field" data-name="expiresAt">
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.expires}
      </label>
      <Primitive.select
        id={id}
        name="expiresAt"
        value={kit.expiry}
        disabled={kit.pending}
        data-catalyst="input"
        {...props}
        onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
          kit.setExpiry(event.currentTarget.value as Expiry)
        }
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Primitive.select>
    </div>
  );
}

/** "Invitation sent to …", a live region in the email form. */
function Sent({ asChild, children, ...props }: ParagraphProps) {
  const ctx = invite.use('Sent');
  return (
    <Primitive.p
      asChild={asChild}
      role="status"
      data-catalyst="invite-member-sent"
      data-state={ctx.invited ? 'sent' : 'idle'}
      {...props}
    >
      {ctx.invited
        ? partContent(asChild, children, ctx.words.sent.replace('{email}', ctx.invited.email))
        : null}
    </Primitive.p>
  );
}

/**
 * The link just created, shown once: its URL in a read-only field, a copy button and a done
 * button that forgets it. Rendered only after a link was created.
 */
function CreatedLink({ children, ...props }: DivProps) {
  const ctx = invite.use('CreatedLink');
  if (!ctx.link) return null;
  return (
    <Primitive.div data-catalyst="invite-link-created" data-link-id={ctx.link.id} {...props}>
      {children ?? (
        <>
          <p data-catalyst="invite-link-once">{ctx.words.linkOnce}</p>
          <LinkUrl />
          <Copy /> <Done />
        </>
      )}
    </Primitive.div>
  );
}

/** The created link's URL, labelled, read-only and selected on focus. */
function LinkUrl(props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.input>, 'value'>) {
  const ctx = invite.use('LinkUrl');
  if (!ctx.link) return null;
  const id = `${ctx.id}-created-url`;
  return (
    <div data-catalyst="field" data-name="url">
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.link}
      </label>
      <Primitive.input
        id={id}
        type="url"
        readOnly
        value={ctx.link.url}
        data-catalyst="input"
        onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.currentTarget.select()}
        {...props}
      />
    </div>
  );
}

/** Copies the URL to the clipboard; `data-state="copied|failed"` and a status message after. */
function Copy({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = invite.use('Copy');
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  const url = ctx.link?.url;
  React.useEffect(() => setState('idle'), [url]);
  if (!url) return null;
  return (
    <>
      <Primitive.button
        asChild={asChild}
        type="button"
        data-catalyst="invite-link-copy"
        data-state={state}
        {...props}
        onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
          onClick?.(event);
          if (event.defaultPrevented) return;
          const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
          if (!clipboard) {
            setState('failed');
            return;
          }
          clipboard.writeText(url).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {partContent(asChild, children, ctx.words.copy)}
      </Primitive.button>
      <span role="status" data-catalyst="invite-link-copy-status">
        {state === 'copied' ? ctx.words.copied : state === 'failed' ? ctx.words.copyFailed : null}
      </span>
    </>
  );
}

/** Forgets the created link (it cannot be shown again). */
function Done({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = invite.use('Done');
  if (!ctx.link) return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="invite-link-done"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.dismissLink();
      }}
    >
      {partContent(asChild, children, ctx.words.done)}
    </Primitive.button>
  );
}

function stateOnly(state: 'loading' | 'empty' | 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const ctx = invite.use(part);
    if (ctx.state !== state) return null;
    const words = state === 'empty' ? ctx.words.noOrg : ctx.words[state];
    return (
      <Primitive.p asChild={asChild} data-catalyst={`invite-member-${state}`} {...props}>
        {partContent(asChild, children, words)}
      </Primitive.p>
    );
  };
}

const email = makeFormParts<EmailField>(emailKit.use);
const link = makeFormParts<LinkField>(linkKit.use);
const EmailTitle = title('email');
const LinkTitle = title('link');
const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

function DefaultInviteMember(props: InviteMemberProps) {
  return (
    <Root {...props}>
      <Loading />
      <Empty />
      <Forbidden />
      <EmailForm>
        <EmailTitle />
        <email.Error />
        <div data-catalyst="field" data-name="email">
          <email.Label name="email" />
          <email.Field name="email" />
          <email.Error field="email" />
        </div>
        <Roles />
        <email.Submit />
        <Sent />
      </EmailForm>
      <LinkForm>
        <LinkTitle />
        <link.Error />
        <Roles />
        <div data-catalyst="field" data-name="maxUses">
          <link.Label name="maxUses" />
          <link.Field name="maxUses" />
          <link.Error field="maxUses" />
        </div>
        <Expires />
        <link.Submit />
      </LinkForm>
      <CreatedLink />
    </Root>
  );
}

/**
 * `<InviteMember />` is the default composition: an email invitation form and an invite-link
 * form. Compose your own from `InviteMember.Root`, `.Loading`, `.Empty`, `.Forbidden`,
 * `.EmailForm` (with `.EmailForm.Title`, `.Label`, `.Field`, `.Error`, `.Submit`), `.LinkForm`
 * (the same, plus `.Expires`), `.Roles` (inside either form), `.Sent`, `.CreatedLink`, `.LinkUrl`,
 * `.Copy` and `.Done`.
 */
export const InviteMember = Object.assign(DefaultInviteMember, {
  Root,
  Loading,
  Empty,
  Forbidden,
  EmailForm: Object.assign(EmailForm, { Title: EmailTitle, ...email }),
  LinkForm: Object.assign(LinkForm, { Title: LinkTitle, ...link }),
  Roles,
  Expires,
  Sent,
  CreatedLink,
  LinkUrl,
  Copy,
  Done,
});
