'use client';
import type * as React from 'react';
import { useSession } from './hooks.js';

interface ChildrenProps {
  children?: React.ReactNode;
}

/** `loading` while the session loads, then `allowed` or `denied`. */
export type GateState = 'loading' | 'allowed' | 'denied';

/**
 * Whether the gate's requirement holds. For now the requirement is "signed in"; org, role and
 * label requirements arrive with orgs and RBAC. The hook under `<Gate>`, `<SignedIn>`, `<SignedOut>`.
 */
export function useGate(): GateState {
  const { status } = useSession();
  if (status === 'loading') return 'loading';
  return status === 'authenticated' ? 'allowed' : 'denied';
}

/** Renders its children only when a user is signed in. */
export function SignedIn({ children }: ChildrenProps) {
  return useGate() === 'allowed' ? <>{children}</> : null;
}

/** Renders its children only when nobody is signed in (not while the session is loading). */
export function SignedOut({ children }: ChildrenProps) {
  return useGate() === 'denied' ? <>{children}</> : null;
}

export interface GateProps extends ChildrenProps {
  /** Shown when the requirement is not met. */
  fallback?: React.ReactNode;
  /** Shown while the session loads; defaults to nothing. */
  loading?: React.ReactNode;
}

/**
 * Renders children when the requirement holds. It adds no markup of its own, so it has no parts.
 * This hides UI only: the server enforces the same rule.
 */
export function Gate({ children, fallback = null, loading = null }: GateProps) {
  const state = useGate();
  if (state === 'loading') return <>{loading}</>;
  return <>{state === 'allowed' ? children : fallback}</>;
}
