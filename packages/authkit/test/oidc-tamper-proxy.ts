import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeJwt,
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type JWTPayload,
} from 'jose';

/** What the proxy does to the ID token of the next token responses. */
export interface IdTokenTampering {
  /**
   * Edits the claims before they are signed: the provider's own, with `iss` already set to the
   * proxy's issuer (the one the relying party was configured with).
   */
  claims?: (claims: JWTPayload) => JWTPayload;
  /**
   * `published` (default): signed ES256 with the key the proxy's JWKS serves. `unpublished`:
   * signed with another key under the same `kid`, one no JWKS holds. `none`: unsigned
   * (`alg: none`).
   */
  signature?: 'published' | 'unpublished' | 'none';
}

const KID = 'tamper-proxy';

/**
 * A man in the middle of a relying party and a real provider (`oidc-provider`, see
 * oidc-provider.ts), for tests of what the relying party refuses: a provider always signs
 * correct tokens, this proxy signs the ones a test asks for.
 *
 * It is the issuer the relying party is configured with. Its discovery document is the
 * provider's with `issuer`, `jwks_uri` and `token_endpoint` pointing here (and ES256, its
 * signing algorithm, as the only one for ID tokens); the browser still
 * signs in at the provider's authorization endpoint, and userinfo is the provider's. Its token
 * endpoint forwards to the provider's, then replaces the `id_token` with one it signs itself
 * from the provider's claims (`iss` set to the proxy's issuer), changed as `tamper` asked. With
 * no tampering the token it hands out is as valid as the provider's: that is the control.
 */
export async function startTamperProxy(options: { upstream: string }) {
  const upstreamConfig = (await (
    await fetch(new URL('/.well-known/openid-configuration', options.upstream))
  ).json()) as Record<string, unknown> & { token_endpoint: string };
  const published = await generateKeyPair('ES256');
  const unpublished = await generateKeyPair('ES256');
  const jwks = {
    keys: [{ ...(await exportJWK(published.publicKey)), kid: KID, alg: 'ES256', use: 'sig' }],
  };
  let tampering: IdTokenTampering = {};
  /** Each token response the provider answered with an ID token, as this proxy passed it on. */
  const issued: JWTPayload[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  async function sign(claims: JWTPayload, how: IdTokenTampering['signature']): Promise<string> {
    if (how === 'none') return new UnsecuredJWT(claims).encode();
    const key = how === 'unpublished' ? unpublished.privateKey : published.privateKey;
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' }).sign(key);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      send(res, 200, {
        ...upstreamConfig,
        issuer,
        jwks_uri: `${issuer}/jwks`,
        token_endpoint: `${issuer}/token`,
        // What this issuer signs ID tokens with (`none` is not among them).
        id_token_signing_alg_values_supported: ['ES256'],
      });
      return;
    }
    if (req.method === 'GET' && path === '/jwks') {
      send(res, 200, jwks);
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = { accept: 'application/json' };
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(upstreamConfig.token_endpoint, {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      const body = (await upstream.json()) as Record<string, unknown>;
      if (upstream.ok && typeof body.id_token === 'string') {
        // The provider's claims as the issuer the relying party trusts would state them.
        const honest: JWTPayload = { ...decodeJwt(body.id_token), iss: issuer };
        const claims = tampering.claims ? tampering.claims({ ...honest }) : honest;
        body.id_token = await sign(claims, tampering.signature);
        issued.push(claims);
      }
      send(res, upstream.status, body);
      return;
    }
    send(res, 404, { error: 'not_found' });
  }

  return {
    /** The issuer to configure the relying party with. */
    issuer,
    /** The provider's own issuer. */
    upstream: options.upstream,
    /** The public JWK the proxy's JWKS serves. */
    jwks,
    /** ID tokens handed out so far (their claims), tampered or not. */
    issued,
    /** What to do to the ID tokens of the token responses from now on (`{}`: re-sign honestly). */
    tamper(next: IdTokenTampering) {
      tampering = next;
    },
    /**
     * The provider's redirect back to the relying party, as from this issuer: the
     * authorization response's `iss` (RFC 9207) names the proxy, which the relying party trusts.
     */
    fromProvider(callbackUrl: string): string {
      const url = new URL(callbackUrl);
      if (url.searchParams.has('iss')) url.searchParams.set('iss', issuer);
      return url.href;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type TamperProxy = Awaited<ReturnType<typeof startTamperProxy>>;
