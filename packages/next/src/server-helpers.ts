import { checkRequirement, subjectFromSession } from '@catalyst/authkit';
import type { Requirement, SessionPayload, User } from '@catalyst/authkit';
import type { Authkit } from '@catalyst/authkit/server';
import { cookies, headers } from 'next/headers';
import { redirect, unauthorized } from 'next/navigation';
import { cache } from 'react';
import { getAuthkit } from './authkit-instance.js';

export interface AuthState extends SessionPayload {
  userId: string;
  sessionId: string;
  /** The active org's id, or null. */
  orgId: string | null;
  /**
   * Whether the session meets `requirement` in its active org (roles, permissions, labels, plan,
   * entitlement, org) — the same rules as the guards and `<Gate>`.
   */
  has(requirement: Requirement): boolean;
}

export interface RequireAuthOptions {
  /** `redirect` (default) sends the browser to sign-in; `unauthorized` calls Next's `unauthorized()` (needs `experimental.authInterrupts`). */
  mode?: 'redirect' | 'unauthorized';
  signInPath?: string;
}

export interface ServerHelpers {
  /** The signed-in user and session for this request, or null. Deduplicated per request. */
  auth(): Promise<AuthState | null>;
  currentUser(): Promise<User | null>;
  /** Like `auth()`, but never null: signed-out requests are redirected (or get 401). */
  requireAuth(options?: RequireAuthOptions): Promise<AuthState>;
}

/** Server helpers bound to one Authkit; the top-level exports use the process instance. */
export function createServerHelpers(instance?: Authkit): ServerHelpers {
  const authkit = () => instance ?? getAuthkit();

  const auth = cache(async (): Promise<AuthState | null> => {
    const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
    const bearer = /^Bearer\s+(\S+)$/i.exec(headerList.get('authorization') ?? '')?.[1];
    const token = bearer ?? cookieStore.get('catalyst_access')?.value;
    if (!token) return null;
    const payload = await authkit().api.getSession(token);
    if (!payload) return null;
    const subject = subjectFromSession(payload);
    return {
      ...payload,
      userId: payload.user.id,
      sessionId: payload.session.id,
      orgId: payload.org?.id ?? null,
      has: (requirement) => checkRequirement(subject, requirement).allow,
    };
  });

  return {
    auth,
    async currentUser() {
      return (await auth())?.user ?? null;
    },
    async requireAuth(options = {}) {
      const state = await auth();
      if (state) return state;
      if (options.mode === 'unauthorized') unauthorized();
      const headerList = await headers();
      // The proxy guard forwards the page URL; without it we can only return to the home page.
      const here = headerList.get('x-catalyst-url');
      const path = options.signInPath ?? authkit().settings.signInPath;
      redirect(here ? `${path}?redirect_url=${encodeURIComponent(here)}` : path);
    },
  };
}

const defaults = createServerHelpers();
export const auth = defaults.auth;
export const currentUser = defaults.currentUser;
export const requireAuth = defaults.requireAuth;
