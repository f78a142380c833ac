'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { MENU_ITEM, rovingFocus, useDismissOutside } from './menu-kit.js';
import { useWords } from './localization.js';
import { USER_BUTTON_WORDS, type UserButtonWords } from './profile-words.js';
import { useUserButton, type UseUserButtonResult } from './use-user-button.js';

/** `<UserButton>`'s state and its menu button: Root, Trigger, Avatar and the menu (Content). */

export type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
export type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
export type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

interface ButtonContext extends UseUserButtonResult {
  words: UserButtonWords;
  id: string;
  open: boolean;
  /** Opens (focusing the first or last item) or closes the menu (focus back on the trigger). */
  setOpen(open: boolean, focus?: 'first' | 'last'): void;
  focus: 'first' | 'last';
  triggerRef: React.RefObject<HTMLButtonElement | null>;
  profileUrl: string | undefined;
  signOutRedirectUrl: string;
  afterStopImpersonatingUrl: string | undefined;
}

export const userButtonContext = lazyContext<ButtonContext>('UserButton');

export interface UserButtonProps extends DivProps {
  /** Where the "Profile" item links (your `<UserProfile />` page); no item without it. */
  profileUrl?: string;
  /** Where to go once signed out (a full navigation); default `/`. */
  signOutRedirectUrl?: string;
  /** Where to go once an impersonation ends (a full navigation); default: stay. */
  afterStopImpersonatingUrl?: string;
}

/**
 * The account menu's state. `data-state="loading|ready|forbidden"` (forbidden: signed out, and
 * the trigger is not rendered); `data-impersonating` while an admin acts as the user.
 */
export function Root({
  profileUrl,
  signOutRedirectUrl = '/',
  afterStopImpersonatingUrl,
  ...props
}: UserButtonProps) {
  const hook = useUserButton();
  const words = useWords('userButton', USER_BUTTON_WORDS);
  const id = React.useId();
  const [open, setOpenState] = React.useState(false);
  const [focus, setFocus] = React.useState<'first' | 'last'>('first');
  const rootRef = React.useRef<HTMLDivElement>(null);
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  const setOpen = React.useCallback((next: boolean, to: 'first' | 'last' = 'first') => {
    setFocus(to);
    setOpenState(next);
    if (!next) triggerRef.current?.focus();
  }, []);
  useDismissOutside(
    rootRef,
    open,
    React.useCallback(() => setOpenState(false), []),
  );
  const Context = userButtonContext.get();
  return (
    <Context.Provider
      value={{
        ...hook,
        words,
        id,
        open: open && hook.state === 'ready',
        setOpen,
        focus,
        triggerRef,
        profileUrl,
        signOutRedirectUrl,
        afterStopImpersonatingUrl,
      }}
    >
      <Primitive.div
        ref={rootRef}
        data-catalyst="user-button"
        data-state={hook.state}
        data-impersonating={hook.impersonator ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/**
 * The menu button: the avatar and the user's name (its accessible name: the stylesheet hides the
 * name visually, an `aria-label` would not match the initials people see). Enter, Space or the
 * arrow keys open the menu.
 */
export function Trigger({ asChild, children, onClick, onKeyDown, ...props }: ButtonProps) {
  const ctx = userButtonContext.use('Trigger');
  if (ctx.state !== 'ready') return null;
  return (
    <Primitive.button
      asChild={asChild}
      ref={ctx.triggerRef}
      type="button"
      id={`${ctx.id}-trigger`}
      aria-haspopup="menu"
      aria-expanded={ctx.open}
      aria-controls={ctx.open ? `${ctx.id}-menu` : undefined}
      data-catalyst="user-button-trigger"
      data-state={ctx.open ? 'open' : 'closed'}
      data-impersonating={ctx.impersonator ? '' : undefined}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.setOpen(!ctx.open);
      }}
      onKeyDown={(event: React.KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || !['ArrowDown', 'ArrowUp'].includes(event.key)) return;
        event.preventDefault();
        ctx.setOpen(true, event.key === 'ArrowDown' ? 'first' : 'last');
      }}
    >
      {partContent(
        asChild,
        children,
        <>
          <Avatar />
          <Name />
        </>,
      )}
    </Primitive.button>
  );
}

/** The avatar image, or the initials without one (decorative: the trigger has the name). */
export function Avatar(props: Omit<React.ComponentPropsWithoutRef<'span'>, 'children'>) {
  const ctx = userButtonContext.use('Avatar');
  return (
    <span data-catalyst="user-button-avatar" aria-hidden="true" {...props}>
      {ctx.avatarUrl ? (
        <img src={ctx.avatarUrl} alt="" data-catalyst="user-button-avatar-image" />
      ) : (
        ctx.initials
      )}
    </span>
  );
}

/** The user's name (else email) inside the trigger. */
export function Name(props: Omit<React.ComponentPropsWithoutRef<'span'>, 'children'>) {
  const ctx = userButtonContext.use('Name');
  return (
    <span data-catalyst="user-button-trigger-name" {...props}>
      {ctx.displayName}
    </span>
  );
}

/**
 * The menu (`role="menu"`), rendered only while open. Arrow keys, Home and End move between
 * items, Escape closes it and returns focus to the trigger, Tab closes it; choosing an item
 * (yours too) closes it.
 */
export function Content({ onKeyDown, onClick, ...props }: DivProps) {
  const ctx = userButtonContext.use('Content');
  const ref = React.useRef<HTMLDivElement>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>(MENU_ITEM) ?? [])];
  const { open, focus } = ctx;
  React.useEffect(() => {
    if (!open) return;
    const all = [...(ref.current?.querySelectorAll<HTMLElement>(MENU_ITEM) ?? [])];
    // On open, focus goes into the menu: the first item, or the last after ArrowUp.
    ((focus === 'last' ? all.at(-1) : all[0]) ?? ref.current)?.focus();
  }, [open, focus]);
  if (!open) return null;
  return (
    <Primitive.div
      ref={ref}
      role="menu"
      id={`${ctx.id}-menu`}
      aria-labelledby={`${ctx.id}-trigger`}
      tabIndex={-1}
      data-catalyst="user-button-menu"
      {...props}
      onClick={(event: React.MouseEvent<HTMLDivElement>) => {
        onClick?.(event);
        const item = (event.target as Element).closest(MENU_ITEM);
        if (!event.defaultPrevented && item) ctx.setOpen(false);
      }}
      onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || rovingFocus(event, items(), 'vertical')) return;
        if (event.key === 'Escape') {
          event.preventDefault();
          ctx.setOpen(false);
        } else if (event.key === 'Tab') ctx.setOpen(false);
      }}
    />
  );
}
