'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn } from './account-parts.js';
import { partContent } from './default-content.js';
import { ErrorAlert } from './key-parts.js';
import { OrgSwitcher } from './org-switcher.js';
import { useSignOut } from './sign-out-button.js';
import {
  Avatar,
  Content,
  Name,
  Root,
  Trigger,
  userButtonContext,
  type ButtonProps,
  type DivProps,
  type ParagraphProps,
  type UserButtonProps,
} from './user-button-parts.js';

export type { UserButtonProps } from './user-button-parts.js';

/** Who is signed in: name and email, at the top of the menu (not an item). */
function Identity(props: Omit<DivProps, 'children'>) {
  const ctx = userButtonContext.use('Identity');
  return (
    <Primitive.div role="none" data-catalyst="user-button-identity" {...props}>
      <span data-catalyst="user-button-name">{ctx.displayName}</span>
      {ctx.user?.name && <span data-catalyst="user-button-email">{ctx.user.email}</span>}
    </Primitive.div>
  );
}

type ItemProps = Omit<ButtonProps, 'role'>;

/** A menu item: a button with the `menuitem` role that runs `onChoose` (unless prevented). */
function Item({ onChoose, onClick, ...props }: ItemProps & { onChoose(): void }) {
  return (
    <Primitive.button
      type="button"
      role="menuitem"
      tabIndex={-1}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented && !props['aria-disabled']) onChoose();
      }}
    />
  );
}

/** A link to `profileUrl` (with `asChild`, your router's link); nothing without one. */
function ProfileLink({
  asChild,
  children,
  ...props
}: Omit<React.ComponentPropsWithoutRef<typeof Primitive.a>, 'role'>) {
  const ctx = userButtonContext.use('ProfileLink');
  if (!ctx.profileUrl) return null;
  return (
    <Primitive.a
      asChild={asChild}
      role="menuitem"
      tabIndex={-1}
      href={ctx.profileUrl}
      data-catalyst="user-button-profile"
      {...props}
    >
      {partContent(asChild, children, ctx.words.profile)}
    </Primitive.a>
  );
}

/** Your orgs as menu items (`OrgSwitcher.Orgs` and `.Personal`): choosing one switches to it. */
function Orgs(props: Omit<DivProps, 'children'>) {
  return (
    <OrgSwitcher.Root
      role="none"
      invitations={false}
      suggestions={false}
      data-catalyst="user-button-orgs"
      {...props}
    >
      <OrgSwitcher.Orgs />
      <OrgSwitcher.Personal />
    </OrgSwitcher.Root>
  );
}

function SignOut({ asChild, children, ...props }: ItemProps) {
  const ctx = userButtonContext.use('SignOut');
  const { pending, signOut } = useSignOut();
  return (
    <Item
      asChild={asChild}
      data-catalyst="user-button-sign-out"
      data-state={pending ? 'pending' : undefined}
      aria-disabled={pending || undefined}
      onChoose={() => void signOut(ctx.signOutRedirectUrl)}
      {...props}
    >
      {partContent(asChild, children, ctx.words.signOut)}
    </Item>
  );
}

/** Ends an impersonation (only while one is on); the admin's own session comes back. */
function StopImpersonating({ asChild, children, ...props }: ItemProps) {
  const ctx = userButtonContext.use('StopImpersonating');
  if (!ctx.impersonator) return null;
  const stop = async () => {
    const result = await ctx.stopImpersonating();
    if (result.ok && ctx.afterStopImpersonatingUrl) {
      window.location.assign(ctx.afterStopImpersonatingUrl);
    }
  };
  return (
    <Item
      asChild={asChild}
      data-catalyst="user-button-stop-impersonating"
      data-state={ctx.stopping ? 'pending' : undefined}
      aria-disabled={ctx.stopping || undefined}
      onChoose={() => void stop()}
      {...props}
    >
      {partContent(asChild, children, ctx.words.stopImpersonating)}
    </Item>
  );
}

/** "Impersonating Ada as Grace": a visible banner while an admin acts as the user. */
function Impersonation({ asChild, children, ...props }: ParagraphProps) {
  const ctx = userButtonContext.use('Impersonation');
  if (!ctx.impersonator || ctx.state !== 'ready') return null;
  const admin = ctx.impersonator.name ?? ctx.impersonator.email;
  return (
    <Primitive.p asChild={asChild} data-catalyst="user-button-impersonation" {...props}>
      {partContent(
        asChild,
        children,
        fillIn(ctx.words.impersonating, { user: ctx.displayName, admin }),
      )}
    </Primitive.p>
  );
}

/** Stopping an impersonation failed (`data-code`). */
function ErrorPart(props: ParagraphProps) {
  const ctx = userButtonContext.use('Error');
  return <ErrorAlert error={ctx.stopError} catalyst="user-button-error" {...props} />;
}

function Separator(props: DivProps) {
  return <Primitive.div role="separator" data-catalyst="user-button-separator" {...props} />;
}

function DefaultUserButton(props: UserButtonProps) {
  return (
    <Root {...props}>
      <Impersonation />
      <ErrorPart />
      <Trigger />
      <Content>
        <Identity />
        <ProfileLink />
        <Separator />
        <Orgs />
        <Separator />
        <StopImpersonating />
        <SignOut />
      </Content>
    </Root>
  );
}

/**
 * `<UserButton />`: your avatar (or initials) opening an account menu: who you are, your profile,
 * your orgs, sign out; while an admin impersonates you, a banner says so and the menu can stop it.
 * Compose your own from `UserButton.Root`, `.Trigger`, `.Avatar`, `.Name`, `.Content`, `.Identity`,
 * `.Item`, `.ProfileLink`, `.Orgs`, `.Separator`, `.StopImpersonating`, `.SignOut`,
 * `.Impersonation` and `.Error`.
 */
export const UserButton = Object.assign(DefaultUserButton, {
  Root,
  Trigger,
  Avatar,
  Name,
  Content,
  Identity,
  Item,
  ProfileLink,
  Orgs,
  Separator,
  StopImpersonating,
  SignOut,
  Impersonation,
  Error: ErrorPart,
});
