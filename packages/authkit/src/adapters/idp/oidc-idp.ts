import * as oidc from 'openid-client';
import { AuthkitError } from '../../domain/errors.js';
import type {
  AuthorizationRequest,
  FederatedIdentity,
  IdpAdapterPort,
  IdpCallbackInput,
} from '../../ports/idp.js';

export interface OidcConnectionOptions {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: string[];
  timeoutMs: number;
  /**
   * Plain-http issuers (a provider on the same machine or network, in tests). Discovery still
   * has to name exactly this issuer.
   */
  allowHttp?: boolean;
  /**
   * The fetch to use (per-org connections: one that checks each URL's addresses and connects to
   * the checked one, `createPinnedFetch`); the global fetch otherwise.
   */
  fetch?: typeof fetch;
}

/** Clock difference allowed between us and the provider for the ID token's `iat`. */
const IAT_SKEW_SECONDS = 60;

/** How long a discovered configuration is reused before discovery runs again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

const unavailable = (issuer: string, cause: unknown) =>
  new AuthkitError('idp_unavailable', `${new URL(issuer).host} did not answer in time`, { cause });

/** A provider that answered with an error, or a response that failed a check (state, nonce…). */
function refused(error: unknown): AuthkitError {
  if (error instanceof oidc.AuthorizationResponseError) {
    return new AuthkitError('sso_failed', `the provider refused the sign-in (${error.error})`, {
      cause: error,
    });
  }
  if (error instanceof oidc.ResponseBodyError) {
    return new AuthkitError('sso_failed', `the provider refused the code (${error.error})`, {
      cause: error,
    });
  }
  return new AuthkitError('sso_failed', 'the provider response did not pass its checks', {
    cause: error,
  });
}

/** Network trouble (unreachable, timed out, 5xx) as opposed to a refusal. */
function isOutage(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500;
  if (error instanceof AuthkitError) return false;
  const name = (error as { name?: unknown } | null)?.name;
  return (
    error instanceof TypeError ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (error instanceof oidc.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
  );
}

/**
 * An OpenID Connect relying party (authorization code + PKCE, state and nonce) through
 * `openid-client`: discovery, ID-token validation (signature, `iss`, `aud`, `exp`, `nonce`) and
 * userinfo are its work; this adapter adds timeouts, URL checks and our error codes.
 */
export class OidcIdp implements IdpAdapterPort {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  private configuration: { value: Promise<oidc.Configuration>; until: number } | undefined;

  constructor(private readonly options: OidcConnectionOptions) {
    this.id = options.id;
    this.name = options.name;
    this.issuer = options.issuer;
  }

  private readonly fetcher: oidc.CustomFetch = async (url, init) => {
    const send = this.options.fetch ?? fetch;
    return send(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    } as RequestInit);
  };

  private config(): Promise<oidc.Configuration> {
    const memo = this.configuration;
    if (memo && memo.until > Date.now()) return memo.value;
    const { issuer, clientId, clientSecret, allowHttp } = this.options;
    const value = oidc
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
        {
          // The ID token's signature is checked against the provider's keys too, not only its
          // claims: openid-client trusts the TLS channel for that unless told otherwise, and an
          // http issuer (a test or internal provider) has no TLS to trust.
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(allowHttp ? [oidc.allowInsecureRequests] : []),
          ],
          [oidc.customFetch]: this.fetcher,
          timeout: Math.ceil(this.options.timeoutMs / 1000),
        },
      )
      .then((config) => {
        config[oidc.customFetch] = this.fetcher;
        return config;
      });
    // A failed discovery is not remembered: the next sign-in tries again.
    value.catch(() => {
      if (this.configuration?.value === value) this.configuration = undefined;
    });
    this.configuration = { value, until: Date.now() + DISCOVERY_TTL_MS };
    return value;
  }

  private async call<T>(run: (config: oidc.Configuration) => Promise<T>): Promise<T> {
    let config: oidc.Configuration;
    try {
      config = await this.config();
    } catch (error) {
      if (error instanceof AuthkitError) throw error;
      throw unavailable(this.issuer, error);
    }
    try {
      return await run(config);
    } catch (error) {
      if (error instanceof AuthkitError) throw error;
      throw isOutage(error) ? unavailable(this.issuer, error) : refused(error);
    }
  }

  authorize(input: {
    redirectUri: string;
    loginHint?: string | undefined;
  }): Promise<AuthorizationRequest> {
    return this.call(async (config) => {
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: this.options.scopes.join(' '),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(input.loginHint ? { login_hint: input.loginHint } : {}),
      });
      return { url: url.href, state, nonce, codeVerifier };
    });
  }

  callback(input: IdpCallbackInput): Promise<FederatedIdentity> {
    return this.call(async (config) => {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        input.callbackUrl,
        {
          pkceCodeVerifier: input.codeVerifier,
          expectedState: input.state,
          expectedNonce: input.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: input.redirectUri },
      );
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw refused(new Error('no ID token'));
      // openid-client bounds `iat` only in the past; a token from the future is refused here.
      if (claims.iat > Date.now() / 1000 + IAT_SKEW_SECONDS) {
        throw refused(new Error('ID token issued in the future'));
      }
      // Userinfo adds what the ID token left out (many providers keep it small); its `sub` must
      // be the ID token's, which openid-client checks.
      const info =
        tokens.access_token && config.serverMetadata().userinfo_endpoint
          ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
          : {};
      const all: Record<string, unknown> = { ...info, ...claims };
      const email = typeof all.email === 'string' ? all.email : null;
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email,
        emailVerified: email !== null && all.email_verified === true,
        name: typeof all.name === 'string' ? all.name : null,
        claims: all,
        idToken: tokens.id_token,
      };
    });
  }

  async logoutUrl(input: {
    idTokenHint?: string | undefined;
    postLogoutRedirectUri: string;
  }): Promise<string | null> {
    return this.call(async (config) => {
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: input.postLogoutRedirectUri,
        client_id: this.options.clientId,
        ...(input.idTokenHint ? { id_token_hint: input.idTokenHint } : {}),
      }).href;
    });
  }
}
