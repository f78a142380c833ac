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

export interface RequireStepUpOptions extends RequireAuthOptions {
  /** How recent (seconds) the last sign-in or step-up must be; default `stepUpMaxAgeSeconds` (600). */
  maxAge?: number;
  /** Also require that the session proved a second factor (`amr` has `mfa`). */
  mfa?: boolean;
}

export interface ServerHelpers {
  /** The signed-in user and session for this request, or null. Deduplicated per request. */
  auth(): Promise<AuthState | null>;
  currentUser(): Promise<User | null>;
  /** Like `auth()`, but never null: signed-out requests are redirected (or get 401). */
  requireAuth(options?: RequireAuthOptions): Promise<AuthState>;
  /**
   * Step-up for a page (RFC 9470 in spirit): the session must have authenticated within
   * `maxAge` seconds (and with a second factor when `mfa`); otherwise the browser goes to the
   * sign-in page with `step_up=1`, which proves a factor again and comes back here.
   */
  requireStepUp(options?: RequireStepUpOptions): Promise<AuthState>;
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

  const signInUrl = async (path: string, params: Record<string, string>) => {
    // The proxy guard forwards the page URL; without it we can only return to the home page.
    const here = (await headers()).get('x-catalyst-url');
    const query = new URLSearchParams({ ...params, ...(here ? { redirect_url: here } : {}) });
    const qs = query.toString();
    return qs ? `${path}?${qs}` : path;
  };

  const requireAuth = async (options: RequireAuthOptions = {}): Promise<AuthState> => {
    const state = await auth();
    if (state) return state;
    if (options.mode === 'unauthorized') unauthorized();
    redirect(await signInUrl(options.signInPath ?? authkit().settings.signInPath, {}));
  };

  return {
    auth,
    requireAuth,
    async requireStepUp(options = {}) {
      const state = await requireAuth(options);
      const maxAge = options.maxAge ?? authkit().settings.stepUpMaxAgeSeconds;
      const fresh = Date.now() - Date.parse(state.session.authTime) <= maxAge * 1000;
      const factor = !options.mfa || state.session.amr.includes('mfa');
      if (fresh && factor) return state;
      const path = options.signInPath ?? authkit().settings.signInPath;
      redirect(await signInUrl(path, { step_up: '1', max_age: String(maxAge) }));
    },
    async currentUser() {
      return (await auth())?.user ?? null;
    },
  };
}

const defaults = createServerHelpers();
export const auth = defaults.auth;
export const currentUser = defaults.currentUser;
export const requireAuth = defaults.requireAuth;
export const requireStepUp = defaults.requireStepUp;
