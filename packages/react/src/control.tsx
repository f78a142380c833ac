'use client';
import type * as React from 'react';
import { useSession } from './hooks.js';
import { checkSession, type GateRequirement } from './org-policy.js';

interface ChildrenProps {
  children?: React.ReactNode;
}

/** `loading` while the session loads, then `allowed` or `denied`. */
export type GateState = 'loading' | 'allowed' | 'denied';

/**
 * Whether the gate's requirement holds: signed in, and, when `requirement` is given, every key
 * of it against the session's active org (roles, permissions, labels, plan, entitlements, org),
 * through the same `checkRequirement` the server's policy engine uses. The hook under `<Gate>`,
 * `<PlanGate>`, `<SignedIn>` and `<SignedOut>`.
 */
export function useGate(requirement?: GateRequirement): GateState {
  const { status, data } = useSession();
  if (status === 'loading') return 'loading';
  if (status !== 'authenticated') return 'denied';
  if (!requirement) return 'allowed';
  return checkSession(data, requirement).allow ? 'allowed' : 'denied';
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
  /**
   * What the caller must have besides being signed in, checked against the session's active
   * org: `{ role, permission, label, scope, plan, entitlement, org, mfa }` (or a policy rule's
   * `require` with `roles`, `permissions`, …). Omit for "signed in".
   */
  require?: GateRequirement;
  /** Shown when the requirement is not met. */
  fallback?: React.ReactNode;
  /** Shown while the session loads; defaults to nothing. */
  loading?: React.ReactNode;
}

/**
 * Renders children when the requirement holds. It adds no markup of its own, so it has no parts.
 * This hides UI only: the server enforces the same rule.
 */
export function Gate({ children, require, fallback = null, loading = null }: GateProps) {
  const state = useGate(require);
  if (state === 'loading') return <>{loading}</>;
  return <>{state === 'allowed' ? children : fallback}</>;
}

export interface PlanGateProps extends Omit<GateProps, 'require'> {
  /** The plan (or any of the plans) the active org must be on. */
  plan: string | readonly string[];
}

/** `<Gate require={{ plan }}>`: children only when the active org is on one of the plans. */
export function PlanGate({ plan, ...props }: PlanGateProps) {
  return <Gate {...props} require={{ plan: typeof plan === 'string' ? plan : [...plan] }} />;
}
