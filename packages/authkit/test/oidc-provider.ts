import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** An account at the test provider: its claims (the account id is the `sub`). */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

/** Cookies per provider origin, enough for its interaction flow. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  }
}

/**
 * A real OpenID provider (`oidc-provider`, OpenID certified) on a loopback port: one confidential
 * client, PKCE required, the dev login screen (any password), consent granted up front, and
 * RP-initiated logout. `login` plays the browser at the provider and answers the callback URL.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri?: string;
  accounts: Record<string, ProviderAccount>;
  clientId?: string;
  clientSecret?: string;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? 'catalyst-test';
  const clientSecret = options.clientSecret ?? 'catalyst-test-client-secret-0123456789';
  const accounts = options.accounts;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri ?? 'http://localhost:3000/'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    // Every claim in the ID token too, as many providers do.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups'],
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    findAccount: (_ctx, id) =>
      accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined,
    // Consent is not what these tests are about: every request's scopes are granted.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());

  /**
   * Follows the provider's redirects from `authorizationUrl`, signing in as `accountId` at its
   * login screen, until it redirects to the client: answers that URL (code, state, iss).
   */
  async function login(authorizationUrl: string, accountId: string): Promise<string> {
    const jar = new Jar();
    let url = authorizationUrl;
    let method = 'GET';
    let body: string | undefined;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          cookie: jar.header(),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
      jar.store(res);
      await res.arrayBuffer();
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} at ${url}`);
      const next = new URL(location, url);
      if (next.href.startsWith(options.redirectUri)) return next.href;
      if (next.pathname.startsWith('/interaction/') && method === 'GET') {
        // The dev login screen: its form posts the account id (no password is checked).
        url = next.href;
        const page = await fetch(url, { headers: { cookie: jar.header() } });
        await page.arrayBuffer();
        method = 'POST';
        body = new URLSearchParams({ prompt: 'login', login: accountId, password: 'x' }).toString();
        continue;
      }
      url = next.href;
      method = 'GET';
      body = undefined;
    }
    throw new Error('the provider never redirected back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    login,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
