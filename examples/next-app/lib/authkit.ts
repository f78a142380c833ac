import { createAuthkit, settingsFromEnv, type Authkit } from '@catalyst/authkit/server';
import { setAuthkit } from '@catalyst/next';

/**
 * The demo's plans. An org's plan is a billing decision, so only the server sets it
 * (`authkit.api.setOrgPlan`, see app/org/billing). New orgs start on `free`.
 */
export const PLANS = {
  free: { features: [], limits: { members: 5 } },
  pro: { features: ['reports'], limits: { members: 50 } },
} satisfies Record<string, { features: string[]; limits: { members: number } }>;

export type PlanName = keyof typeof PLANS;

export const isPlan = (value: unknown): value is PlanName =>
  typeof value === 'string' && Object.hasOwn(PLANS, value);

/** Scopes the demo's API keys may carry (the /dashboard/keys picker lists them). */
export const SCOPES = ['reports:read', 'reports:write'];

/**
 * Webhook endpoints may not target private or loopback addresses. Outside production (`next dev`),
 * or while the demo is served from this machine (a loopback CATALYST_BASE_URL, as `next start` in
 * the e2e tests), a receiver on 127.0.0.1 is allowed so the demo can be tried against one.
 * CATALYST_WEBHOOK_ALLOWED_NETWORKS, when set, decides instead.
 */
function localWebhookReceivers(env = process.env): { webhookAllowedNetworks?: string[] } {
  if (env.CATALYST_WEBHOOK_ALLOWED_NETWORKS) return {};
  let local = false;
  try {
    const { hostname, protocol } = new URL(env.CATALYST_BASE_URL ?? '');
    local = protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  } catch {
    // no base URL: decided by NODE_ENV alone
  }
  return env.NODE_ENV !== 'production' || local ? { webhookAllowedNetworks: ['127.0.0.1/32'] } : {};
}

const KEY = Symbol.for('catalyst-example.authkit');
type WithInstance = typeof globalThis & { [KEY]?: Authkit };

/**
 * The process's auth server: settings from the environment (CATALYST_SECRET, CATALYST_BASE_URL,
 * CATALYST_SMTP_URL …) plus the plans above, registered with `setAuthkit` so `auth()`,
 * `getAuthkit()` and the route handler use it. Built on first use, not at import: `next build`
 * evaluates route modules without the runtime's env (no CATALYST_SECRET), and config is
 * validated when the instance is built. instrumentation.ts calls this once at start-up.
 */
export function appAuthkit(): Authkit {
  const g = globalThis as WithInstance;
  if (!g[KEY]) {
    g[KEY] = createAuthkit({
      ...settingsFromEnv(),
      plans: PLANS,
      scopes: SCOPES,
      ...localWebhookReceivers(),
    });
    setAuthkit(g[KEY]);
  }
  return g[KEY];
}
