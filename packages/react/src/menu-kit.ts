'use client';
import * as React from 'react';

/**
 * Keyboard and pointer wiring for menus and tab lists (WAI-ARIA APG): roving focus with the
 * arrow keys, Home and End, and dismissal on a press outside. `<UserButton>` and `<UserProfile>`
 * use it; it is what `<OrgSwitcher>`'s menu does too, so that menu can move onto it.
 */

/** Menu items that can take focus (a disabled one says so with `aria-disabled`). */
export const MENU_ITEM = '[role^="menuitem"]:not([aria-disabled="true"])';

const KEYS = {
  vertical: { next: 'ArrowDown', previous: 'ArrowUp' },
  horizontal: { next: 'ArrowRight', previous: 'ArrowLeft' },
} as const;

/**
 * Moves focus among `items` for the arrow keys of `orientation`, Home and End (wrapping around);
 * returns the item focused, or null when the key is none of those (the event is left alone).
 */
export function rovingFocus(
  event: React.KeyboardEvent,
  items: HTMLElement[],
  orientation: keyof typeof KEYS,
): HTMLElement | null {
  const { next, previous } = KEYS[orientation];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const to =
    event.key === next
      ? at + 1
      : event.key === previous
        ? at < 0
          ? -1
          : at - 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? -1
            : null;
  if (to === null || items.length === 0) return null;
  event.preventDefault();
  const target = items[(to + items.length) % items.length]!;
  target.focus();
  return target;
}

/** Calls `dismiss` on a pointer press outside `ref` while `open` (a menu closes then). */
export function useDismissOutside(
  ref: React.RefObject<HTMLElement | null>,
  open: boolean,
  dismiss: () => void,
): void {
  React.useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) dismiss();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [ref, open, dismiss]);
}
