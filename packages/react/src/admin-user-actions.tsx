'use client';
import type { Result } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { adminDrawer, adminPanel } from './admin-user-context.js';
import {
  BanFields,
  ConfirmAction,
  isoOrNull,
  textOrNull,
  type ConfirmActionProps,
} from './admin-user-confirm.js';
import { partContent } from './default-content.js';
import { fill } from './key-parts.js';

/**
 * The writes on one user that the drawer offers to admins (support staff see none of them): ban
 * (reason and optional end) or unban, impersonate, delete, sign out everywhere, reset second
 * factors, send a password reset. Destructive ones go through a confirm step first.
 */

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

type WriteProps = Omit<ButtonProps, 'onClick'>;

/** A drawer button that runs one write at once; its outcome shows in the drawer's notice. */
function WriteButton<T>({
  catalyst,
  text,
  pending,
  run,
  notice,
  onDone,
  asChild,
  children,
  ...props
}: WriteProps & {
  catalyst: string;
  text: string;
  pending: boolean;
  run(): Promise<Result<T>>;
  notice(data: T): string;
  onDone?(data: T): void;
}) {
  const ctx = adminDrawer.use('WriteButton');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      disabled={pending}
      data-catalyst={catalyst}
      data-state={pending ? 'pending' : undefined}
      {...props}
      onClick={async () => {
        const result = await ctx.perform(run, notice);
        if (result.ok) onDone?.(result.data);
      }}
    >
      {partContent(asChild, children, text)}
    </Primitive.button>
  );
}

/** A drawer write behind a confirm step; its outcome shows in the drawer's notice. */
function ConfirmedWrite<T>({
  run,
  notice,
  onDone,
  ...props
}: Omit<ConfirmActionProps, 'onConfirm' | 'cancel'> & {
  run(form: FormData): Promise<Result<T>>;
  notice(data: T): string;
  onDone?(): void;
}) {
  const ctx = adminDrawer.use('ConfirmAction');
  return (
    <ConfirmAction
      cancel={ctx.words.cancel}
      onConfirm={async (form) => {
        const result = await ctx.perform(() => run(form), notice);
        if (result.ok) onDone?.();
        return result.ok;
      }}
      {...props}
    />
  );
}

/**
 * Ban (with a reason and an optional end, after a confirm step) or, while banned, Unban (at
 * once). One button that changes its words, so focus stays on it across the toggle.
 */
export function Ban(props: WriteProps) {
  const ctx = adminDrawer.use('Ban');
  const { user, words } = ctx;
  if (!ctx.canWrite || !user) return null;
  const banned = user.ban !== null;
  return (
    <ConfirmedWrite
      catalyst={banned ? 'user-admin-unban' : 'user-admin-ban'}
      text={banned ? words.unban : words.ban}
      direct={banned}
      question={fill(words.banTitle, { user: user.email })}
      submit={words.banSubmit}
      pending={ctx.pending === 'ban' || ctx.pending === 'unban'}
      fields={<BanFields id={`${ctx.id}-ban`} />}
      run={(form): Promise<Result<unknown>> =>
        banned
          ? ctx.unban()
          : ctx.ban({
              reason: textOrNull(form.get('reason')),
              expiresAt: isoOrNull(form.get('expiresAt')),
            })
      }
      notice={() => (banned ? words.unbanned : words.userBanned)}
      {...props}
    />
  );
}

/**
 * Opens a session as the user in this browser (not offered for one's own account). The panel's
 * `onImpersonate` runs once the session store holds the user's session.
 */
export function Impersonate(props: WriteProps) {
  const ctx = adminDrawer.use('Impersonate');
  const panel = adminPanel.use('Impersonate');
  if (!ctx.canWrite || !ctx.user || ctx.user.id === ctx.userId) return null;
  return (
    <WriteButton
      catalyst="user-admin-impersonate"
      text={ctx.words.impersonate}
      pending={ctx.pending === 'impersonate'}
      run={ctx.impersonate}
      notice={() => ''}
      onDone={(session) => panel.onImpersonate?.(session)}
      {...props}
    />
  );
}

/** Deletes the user after a confirm step; the drawer closes and the list reloads. */
export function Delete(props: WriteProps) {
  const ctx = adminDrawer.use('Delete');
  if (!ctx.canWrite || !ctx.user) return null;
  return (
    <ConfirmedWrite
      catalyst="user-admin-delete"
      text={ctx.words.delete}
      question={fill(ctx.words.confirmDelete, { user: ctx.user.email })}
      submit={ctx.words.deleteSubmit}
      pending={ctx.pending === 'delete'}
      run={ctx.delete}
      notice={() => ctx.words.deleted}
      onDone={ctx.close}
      {...props}
    />
  );
}

/** The drawer's actions on the whole account: ban or unban, impersonate, delete. */
export function Actions({ children, ...props }: DivProps) {
  const ctx = adminDrawer.use('Actions');
  if (!ctx.canWrite || ctx.state !== 'ready') return null;
  return (
    <Primitive.div
      role="group"
      aria-label={ctx.words.actionsLabel}
      data-catalyst="user-admin-actions"
      {...props}
    >
      {children ?? (
        <>
          <Ban /> <Impersonate /> <Delete />
        </>
      )}
    </Primitive.div>
  );
}

/** Ends every session of the user (admins only; when they have any). */
export function SignOutEverywhere(props: WriteProps) {
  const ctx = adminDrawer.use('SignOutEverywhere');
  if (!ctx.canWrite || !ctx.detail || ctx.detail.sessions.length === 0) return null;
  return (
    <WriteButton
      catalyst="user-admin-sign-out"
      text={ctx.words.signOutEverywhere}
      pending={ctx.pending === 'signOutEverywhere'}
      run={ctx.signOutEverywhere}
      notice={(data) => fill(ctx.words.signedOut, { n: String(data.sessions) })}
      {...props}
    />
  );
}

/** Emails the user a password-reset link (admins only). */
export function SendPasswordReset(props: WriteProps) {
  const ctx = adminDrawer.use('SendPasswordReset');
  if (!ctx.canWrite || !ctx.user) return null;
  return (
    <WriteButton
      catalyst="user-admin-password-reset"
      text={ctx.words.sendPasswordReset}
      pending={ctx.pending === 'sendPasswordReset'}
      run={ctx.sendPasswordReset}
      notice={() => ctx.words.passwordResetSent}
      {...props}
    />
  );
}

/** Removes the authenticator app, recovery codes and passkeys, after a confirm step. */
export function ResetMfa(props: WriteProps) {
  const ctx = adminDrawer.use('ResetMfa');
  if (!ctx.canWrite || !ctx.user) return null;
  return (
    <ConfirmedWrite
      catalyst="user-admin-reset-mfa"
      text={ctx.words.resetMfa}
      question={fill(ctx.words.confirmResetMfa, { user: ctx.user.email })}
      submit={ctx.words.resetMfa}
      pending={ctx.pending === 'resetMfa'}
      run={ctx.resetMfa}
      notice={() => ctx.words.mfaReset}
      {...props}
    />
  );
}
