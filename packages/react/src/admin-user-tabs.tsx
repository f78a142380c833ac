'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { ResetMfa, SendPasswordReset, SignOutEverywhere } from './admin-user-actions.js';
import { adminDrawer, adminPanel } from './admin-user-context.js';
import { fill, KeyTime } from './key-parts.js';

/**
 * What each of the drawer's tabs shows: profile, labels and roles (editable by admins), orgs,
 * sessions, API keys, second factors and activity. Each is a part of its own.
 */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/** A term and its value in a `<dl>`. */
function Entry({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The account: email, name, id, verification, dates, status (with the ban's reason and end). */
export function Profile(props: DivProps) {
  const { user, words: w } = adminDrawer.use('Profile');
  if (!user) return null;
  return (
    <Primitive.div data-catalyst="user-admin-profile" {...props}>
      <dl>
        <Entry term={w.email}>{user.email}</Entry>
        <Entry term={w.name}>{user.name ?? w.none}</Entry>
        <Entry term={w.userId}>
          <code>{user.id}</code>
        </Entry>
        <Entry term={w.verified}>{user.emailVerified ? w.yes : w.no}</Entry>
        <Entry term={w.created}>
          <KeyTime value={user.createdAt} catalyst="user-admin-created" />
        </Entry>
        <Entry term={w.lastActive}>
          {user.lastActiveAt ? (
            <KeyTime value={user.lastActiveAt} relative catalyst="user-admin-last-active" />
          ) : (
            w.never
          )}
        </Entry>
        <Entry term={w.status}>
          <span data-catalyst="user-admin-status" data-state={user.ban ? 'banned' : 'active'}>
            {user.ban ? w.statusBanned : w.statusActive}
          </span>
          {user.ban?.expiresAt && (
            <>
              {' '}
              <KeyTime value={user.ban.expiresAt} catalyst="user-admin-ban-until" />
            </>
          )}
        </Entry>
        {user.ban && <Entry term={w.banReason}>{user.ban.reason ?? w.none}</Entry>}
      </dl>
    </Primitive.div>
  );
}

const parseLabels = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  ),
];

/**
 * Labels and platform role. Admins edit them (labels comma-separated; the role: none, support
 * or admin); support staff see them read-only.
 */
export function Access(props: DivProps) {
  const ctx = adminDrawer.use('Access');
  const { user, words: w, id } = ctx;
  if (!user) return null;
  const role = user.platformRoles.includes('admin')
    ? 'admin'
    : user.platformRoles.includes('support')
      ? 'support'
      : 'none';
  if (!ctx.canWrite) {
    return (
      <Primitive.div data-catalyst="user-admin-access" {...props}>
        <dl>
          <Entry term={w.labels}>{user.labels.join(', ') || w.none}</Entry>
          <Entry term={w.platformRole}>{user.platformRoles.join(', ') || w.none}</Entry>
        </dl>
      </Primitive.div>
    );
  }
  return (
    <Primitive.div data-catalyst="user-admin-access" {...props}>
      <form
        aria-label={w.labels}
        data-catalyst="user-admin-labels-form"
        data-state={ctx.pending === 'update' ? 'pending' : 'idle'}
        onSubmit={(event) => {
          event.preventDefault();
          const labels = parseLabels(String(new FormData(event.currentTarget).get('labels')));
          void ctx.perform(
            () => ctx.update({ labels }),
            () => w.saved,
          );
        }}
      >
        <label htmlFor={`${id}-labels`} data-catalyst="label">
          {w.labels}
        </label>
        <input
          // Remount with the saved labels once they come back.
          key={user.labels.join(',')}
          id={`${id}-labels`}
          name="labels"
          defaultValue={user.labels.join(', ')}
          aria-describedby={`${id}-labels-hint`}
          data-catalyst="input"
        />
        <p id={`${id}-labels-hint`} data-catalyst="user-admin-hint">
          {w.labelsHint}
        </p>
        <button type="submit" disabled={ctx.pending === 'update'} data-catalyst="submit">
          {w.saveLabels}
        </button>
      </form>
      <form
        aria-label={w.platformRole}
        data-catalyst="user-admin-role-form"
        data-state={ctx.pending === 'setPlatformRoles' ? 'pending' : 'idle'}
        onSubmit={(event) => {
          event.preventDefault();
          const next = String(new FormData(event.currentTarget).get('role'));
          const roles: Array<'admin' | 'support'> =
            next === 'admin' || next === 'support' ? [next] : [];
          void ctx.perform(
            () => ctx.setPlatformRoles(roles),
            () => w.saved,
          );
        }}
      >
        <label htmlFor={`${id}-role`} data-catalyst="label">
          {w.platformRole}
        </label>
        <select key={role} id={`${id}-role`} name="role" defaultValue={role} data-catalyst="input">
          <option value="none">{w.roleNoneOption}</option>
          <option value="support">{w.roleSupportOption}</option>
          <option value="admin">{w.roleAdminOption}</option>
        </select>
        <button type="submit" disabled={ctx.pending === 'setPlatformRoles'} data-catalyst="submit">
          {w.saveRole}
        </button>
      </form>
    </Primitive.div>
  );
}

/** A list, or its empty words. */
function List<T>({
  catalyst,
  items,
  empty,
  children,
}: {
  catalyst: string;
  items: T[];
  empty: string;
  children: (item: T) => React.ReactNode;
}) {
  if (items.length === 0) return <p data-catalyst={`${catalyst}-empty`}>{empty}</p>;
  return <ul data-catalyst={catalyst}>{items.map(children)}</ul>;
}

/** The orgs the user belongs to, with their roles; "Show members" filters the list by one. */
export function Orgs(props: DivProps) {
  const { detail, words: w } = adminDrawer.use('Orgs');
  const panel = adminPanel.use('Orgs');
  if (!detail) return null;
  return (
    <Primitive.div data-catalyst="user-admin-orgs" {...props}>
      <List catalyst="user-admin-org-list" items={detail.memberships} empty={w.noOrgs}>
        {(m) => (
          <li key={m.orgId} data-catalyst="user-admin-org" data-org-id={m.orgId}>
            <strong>{m.name}</strong> <code>{m.slug}</code> {w.orgRoles}: {m.roles.join(', ')}.{' '}
            {w.joined} <KeyTime value={m.joinedAt} catalyst="user-admin-joined" />{' '}
            <button
              type="button"
              data-catalyst="user-admin-show-members"
              onClick={() => panel.setFilter('orgId', m.orgId)}
            >
              {fill(w.showMembers, { org: m.name })}
            </button>
          </li>
        )}
      </List>
    </Primitive.div>
  );
}

/** The user's live sessions (device, IP, last seen) and "Sign out everywhere". */
export function Sessions(props: DivProps) {
  const { detail, words: w } = adminDrawer.use('Sessions');
  if (!detail) return null;
  return (
    <Primitive.div data-catalyst="user-admin-sessions" {...props}>
      <List catalyst="user-admin-session-list" items={detail.sessions} empty={w.noSessions}>
        {(s) => (
          <li key={s.id} data-catalyst="user-admin-session" data-session-id={s.id}>
            {s.device ?? w.unknownDevice} {s.ip ?? ''}{' '}
            <KeyTime value={s.lastSeenAt} relative catalyst="user-admin-session-seen" />
          </li>
        )}
      </List>
      <SignOutEverywhere />
    </Primitive.div>
  );
}

/** The user's own API keys (never a secret: `start` tells them apart). */
export function Keys(props: DivProps) {
  const { detail, words: w } = adminDrawer.use('Keys');
  if (!detail) return null;
  const status = (s: string) => (s === 'active' ? w.keyActive : s === 'revoked' ? w.keyRevoked : s);
  return (
    <Primitive.div data-catalyst="user-admin-keys" {...props}>
      <List catalyst="user-admin-key-list" items={detail.keys} empty={w.noKeys}>
        {(k) => (
          <li key={k.id} data-catalyst="user-admin-key" data-state={k.status}>
            <strong>{k.name}</strong> <code>{k.start}…</code> {status(k.status)}{' '}
            <KeyTime value={k.createdAt} catalyst="user-admin-key-created" />
          </li>
        )}
      </List>
    </Primitive.div>
  );
}

/** Authenticator app, recovery codes left, passkeys; reset them, or send a password reset. */
export function Factors(props: DivProps) {
  const { detail, words: w } = adminDrawer.use('Factors');
  if (!detail) return null;
  const { mfa } = detail;
  return (
    <Primitive.div data-catalyst="user-admin-factors" {...props}>
      <dl>
        <Entry term={w.totp}>{mfa.totp ? w.on : w.off}</Entry>
        <Entry term={w.recoveryCodes}>{mfa.recoveryCodesRemaining}</Entry>
        <Entry term={w.passkeys}>
          {mfa.passkeys.length === 0 ? w.noPasskeys : mfa.passkeys.map((p) => p.name).join(', ')}
        </Entry>
      </dl>
      <SendPasswordReset /> <ResetMfa />
    </Primitive.div>
  );
}

/** The newest audit events the user did or that were done to them. */
export function Activity(props: DivProps) {
  const { detail, words: w } = adminDrawer.use('Activity');
  if (!detail) return null;
  return (
    <Primitive.div data-catalyst="user-admin-activity" {...props}>
      <List catalyst="user-admin-event-list" items={detail.events} empty={w.noActivity}>
        {(e) => (
          <li key={e.id} data-catalyst="user-admin-event" data-action={e.action}>
            <KeyTime value={e.occurredAt} catalyst="user-admin-event-time" />{' '}
            <code>{e.action}</code> {e.actor.id ?? e.actor.type}
          </li>
        )}
      </List>
    </Primitive.div>
  );
}
