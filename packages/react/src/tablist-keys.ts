import type * as React from 'react';

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, count) => (at + 1) % count,
  ArrowLeft: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * The keys of a horizontal `role="tablist"` (WAI-ARIA tabs, automatic activation): ←/→
 * (wrapping), Home and End focus the tab they land on and open it (a click). For the list's
 * `onKeyDown`; a key the caller already handled (`defaultPrevented`) is left alone.
 */
export function onTablistKeyDown(event: React.KeyboardEvent<HTMLElement>): void {
  const move = MOVES[event.key];
  if (event.defaultPrevented || !move) return;
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const at = tabs.findIndex((tab) => tab === document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  const next = tabs[move(at, tabs.length)];
  next?.focus();
  next?.click();
}
