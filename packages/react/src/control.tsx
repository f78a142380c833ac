'use client';
import type * as React from 'react';
import { useSession } from './hooks.js';

interface ChildrenProps {
  children?: React.ReactNode;
}

/** Renders its children only when a user is signed in. */
export function SignedIn({ children }: ChildrenProps) {
  return useSession().status === 'authenticated' ? <>{children}</> : null;
}

/** Renders its children only when nobody is signed in (not while the session is loading). */
export function SignedOut({ children }: ChildrenProps) {
  return useSession().status === 'unauthenticated' ? <>{children}</> : null;
}

export interface GateProps extends ChildrenProps {
  /** Shown when the requirement is not met. */
  fallback?: React.ReactNode;
  /** Shown while the session loads; defaults to nothing. */
  loading?: React.ReactNode;
}

/**
 * Renders children when the requirement holds. For now the requirement is "signed in"; org,
 * role and label requirements arrive with orgs and RBAC. This hides UI only: enforce on the server.
 */
export function Gate({ children, fallback = null, loading = null }: GateProps) {
  const { status } = useSession();
  if (status === 'loading') return <>{loading}</>;
  return <>{status === 'authenticated' ? children : fallback}</>;
}
