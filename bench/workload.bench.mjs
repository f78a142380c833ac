/* global Request, URLSearchParams */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createAuthkit } from '@catalyst/authkit/server';
import { issueKey, measure, pct, row } from './exchange.bench.mjs';

const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const CONNECTION = { ip: '127.0.0.1' };
const AUDIENCE = 'https://auth.example.com';
const UNLIMITED = { points: 1_000_000_000, durationSeconds: 60 };

/**
 * Workload exchanges per second (`POST /token` with a GitHub-shaped RS256 JWT from a local issuer,
 * through the handler on embedded PGlite), next to the API-key exchange in the same process. The
 * ratio is what verifying the upstream token, matching the trust policy and auditing add.
 */
export async function workloadBench() {
  const issuer = await startIssuer();
  const auth = createAuthkit({
    secret: randomBytes(32).toString('base64url'),
    baseUrl: BASE_URL,
    dataDir: 'memory://bench-workload',
    scopes: ['reports:read'],
    workloadIssuers: [issuer.url],
    workloadAllowedNetworks: ['127.0.0.1/32'],
    rateLimits: { exchangePerKey: UNLIMITED, exchangePerWorkloadPolicy: UNLIMITED },
  });
  await auth.api.ready();
  try {
    const secret = await issueKey(auth);
    const policyId = await writePolicy(auth, issuer.url);
    // No `jti`: each upstream token may then be exchanged again, so one token serves every call.
    // With a `jti` the only extra work is one in-memory limiter check.
    const upstream = await issuer.sign({
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: AUDIENCE,
      repository: 'octo-org/octo-repo',
      ref: 'refs/heads/main',
    });
    const post = (form) => async () => {
      const res = await auth.handler(
        new Request(`${API}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        }),
        CONNECTION,
      );
      if (res.status !== 200)
        throw new Error(`exchange answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const grant = 'urn:ietf:params:oauth:grant-type:token-exchange';
    const workload = post(
      new URLSearchParams({
        grant_type: grant,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        subject_token: upstream,
      }).toString(),
    );
    const key = post(
      new URLSearchParams({
        grant_type: grant,
        subject_token_type: 'urn:catalyst:token-type:api-key',
        subject_token: secret,
      }).toString(),
    );
    // The exchange must really be one: its token verifies and names the policy and the workload.
    const { access_token: token } = await workload();
    const claims = await auth.api.verifyAccessToken(token);
    if (
      claims.client_id !== policyId ||
      claims.act?.sub !== 'repo:octo-org/octo-repo:ref:refs/heads/main'
    )
      throw new Error('workload exchange gave the wrong claims');

    const [ours, baseline] = await measure([workload, key]);
    const rate = (s) => s.calls / (s.totalMs / 1000);
    return {
      title: 'Workload exchange (GitHub-shaped RS256 JWT → access token) vs API-key exchange',
      table: [
        { target: 'POST /token (workload JWT → JWT), PGlite', ...row(ours) },
        { target: 'POST /token (API key → JWT), PGlite', ...row(baseline) },
      ],
      summary: [
        `workload ${Math.round(rate(ours))}/s vs key ${Math.round(rate(baseline))}/s: ` +
          `${(rate(ours) / rate(baseline)).toFixed(2)} of the key exchange's rate; ` +
          `p50 ${pct(ours, 50)} vs ${pct(baseline, 50)} µs, p99 ${pct(ours, 99)} vs ${pct(baseline, 99)} µs`,
        '  (the workload side verifies RS256 against the cached JWKS, matches the policy and writes an audit event; keys write lastUsedAt behind)',
      ],
    };
  } finally {
    await auth.api.close();
    await issuer.close();
  }
}

/** Signs up, creates an org and a trust policy for the local issuer; answers the policy id. */
async function writePolicy(auth, issuerUrl) {
  const jar = new Map();
  const send = async (path, body) => {
    const res = await auth.handler(
      new Request(`${API}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: {
          origin: BASE_URL,
          'content-type': 'application/json',
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      }),
      CONNECTION,
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  await send('/sign-up', { email: 'ci-owner@example.com', password: 'correct horse battery 42' });
  const org = await send('/orgs', { name: 'CI', slug: 'ci-bench' });
  const policy = await send(`/orgs/${org.id}/workload-policies`, {
    name: 'main',
    issuer: issuerUrl,
    audience: AUDIENCE,
    conditions: { repository: 'octo-org/octo-repo', ref: 'refs/heads/main' },
    scopes: ['members:read'],
  });
  return policy.id;
}

async function startIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' };
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    } else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'JWT' })
        .setIssuer(url)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
