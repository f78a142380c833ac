import { z } from 'zod';
import { envList, issuerUrl, networkList } from './setting-fields.js';

/** Scope tokens (RFC 6749 §3.3): printable ASCII without spaces or quotes. */
export const scopeToken = z
  .string()
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/, 'must be one scope token');

/**
 * The platform-wide OpenID provider everyone may sign in with (orgs connect their own too). An
 * issuer needs its client id; the secret is left out only for a public client (PKCE alone).
 */
export const oidcConnectionSchema = z.object({
  issuer: issuerUrl,
  clientId: z.string().min(1).max(256),
  clientSecret: z.string().min(1).max(2048).optional(),
  /** The button's words: "Continue with <name>". */
  name: z.string().min(1).max(64).default('Single sign-on'),
  scopes: z.array(scopeToken).min(1).max(20).default(['openid', 'email', 'profile']),
});

export const oidcSettingsShape = {
  oidc: oidcConnectionSchema.optional(),
  /** How long a call to an identity provider may take before sign-in answers 502. */
  idpTimeoutSeconds: z.number().int().min(1).max(60).default(10),
  /**
   * Networks an org's provider may resolve to although private or loopback (CIDRs; none by
   * default): org admins choose their issuer, so it may not reach into this network otherwise.
   */
  ssoAllowedNetworks: networkList.default([]),
};

/** The environment keys for these settings (DESIGN §7, extended by issue 13). */
export const OIDC_ENV_KEYS = {
  issuer: 'CATALYST_OIDC_ISSUER',
  clientId: 'CATALYST_OIDC_CLIENT_ID',
  clientSecret: 'CATALYST_OIDC_CLIENT_SECRET',
  name: 'CATALYST_OIDC_NAME',
} as const;

export const SSO_ALLOWED_NETWORKS_ENV = 'CATALYST_SSO_ALLOWED_NETWORKS';

/**
 * Reads the global provider from the environment: any of its keys makes the whole connection
 * (so an issuer without a client id is refused at start, naming the missing one).
 */
export function oidcSettingsFromEnv(pick: (key: string) => string | undefined) {
  const values = Object.fromEntries(
    Object.entries(OIDC_ENV_KEYS).flatMap(([field, key]) => {
      const value = pick(key);
      return value ? [[field, value]] : [];
    }),
  );
  const networks = pick(SSO_ALLOWED_NETWORKS_ENV);
  return {
    ...(Object.keys(values).length > 0
      ? { oidc: values as { issuer: string; clientId: string } }
      : {}),
    ...(networks ? { ssoAllowedNetworks: envList(networks) } : {}),
  };
}
