import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** A GitHub Actions OIDC token's claims for one job (docs.github.com, "OpenID Connect reference"). */
export function githubClaims(
  overrides: Partial<Record<string, string | number>> & { aud?: string } = {},
): Record<string, string | number> {
  const repository = String(overrides.repository ?? 'octo-org/octo-repo');
  const ref = String(overrides.ref ?? 'refs/heads/main');
  return {
    sub: `repo:${repository}:ref:${ref}`,
    repository,
    repository_owner: repository.split('/')[0]!,
    repository_id: '74',
    repository_owner_id: '65',
    ref,
    ref_type: 'branch',
    sha: 'e83c5163316f89bfbde7d9ab23ca2e25604af290',
    environment: 'prod',
    job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
    workflow: 'deploy',
    event_name: 'push',
    actor: 'octocat',
    run_id: '4',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    ...overrides,
  };
}

/**
 * A token issuer on 127.0.0.1 that publishes discovery and an RS256 JWKS as GitHub's does, and
 * signs whatever claims a test asks for. `rotate()` replaces the signing key (a new `kid`).
 */
export async function startWorkloadIssuer() {
  let current = await newKey();
  let discoveryStatus = 200;
  let hang = false;
  const server = createServer((req, res) => {
    if (hang) return; // never answers: the caller's timeout must fire
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      if (discoveryStatus !== 200) return send(discoveryStatus, { error: 'down' });
      return send(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.url === '/.well-known/jwks') return send(200, { keys: [current.publicJwk] });
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    /** Signs `claims` as this issuer (iat now, exp in 5 minutes unless given). */
    async sign(
      claims: Record<string, unknown>,
      options: { expiresIn?: number; iat?: number; key?: 'current' | 'foreign'; alg?: string } = {},
    ) {
      const key = options.key === 'foreign' ? await newKey() : current;
      const iat = options.iat ?? Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: key.publicJwk.kid!, typ: 'JWT' })
        .setIssuer(String(claims.iss ?? issuer))
        .setIssuedAt(iat)
        .setNotBefore(iat - 60)
        .setExpirationTime(iat + (options.expiresIn ?? 300))
        .setJti(crypto.randomUUID())
        .sign(key.privateKey);
    },
    async rotate() {
      current = await newKey();
    },
    failDiscovery(status: number) {
      discoveryStatus = status;
    },
    hang(on: boolean) {
      hang = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function newKey(): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: crypto.randomUUID(), alg: 'RS256' };
  return { privateKey, publicJwk };
}
