/**
 * Fixtures for the forward-auth tests (not shipped: only `index.ts` is an entry). Web APIs and
 * jose only, like the handler, so the edge sandbox test can reuse them.
 */
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey as JoseCryptoKey,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { createForwardAuth } from './create-forward-auth.js';
import type { ForwardAuthOptions } from './types.js';

export const ISSUER = 'https://auth.example.test/api/auth';
export const AUDIENCE = 'catalyst';
export const SIGN_IN = 'https://auth.example.test/sign-in';
export const REFRESH = 'https://auth.example.test/api/auth/refresh';
/** The proxy that calls forward-auth (a trusted peer) and a stranger. */
export const PROXY_IP = '10.0.0.2';
export const STRANGER_IP = '203.0.113.9';
export const TRUSTED = { ip: PROXY_IP };
export const DECISION_SECRET = new Uint8Array(32).fill(7);

export interface TestKeys {
  kid: string;
  privateKey: JoseCryptoKey;
  jwks: JSONWebKeySet;
  /** A key getter over `jwks` that counts how often it is asked (one per signature check). */
  getKey: JWTVerifyGetKey & { calls: number };
}

export async function makeKeys(kid = 'test-key'): Promise<TestKeys> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const jwks = { keys: [jwk] };
  const local = createLocalJWKSet(jwks);
  const getKey = Object.assign(
    (header: Parameters<JWTVerifyGetKey>[0], token: Parameters<JWTVerifyGetKey>[1]) => {
      getKey.calls += 1;
      return local(header, token);
    },
    { calls: 0 },
  ) as JWTVerifyGetKey & { calls: number };
  return { kid, privateKey, jwks, getKey };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

let counter = 0;

/** The claims an access token from our server carries (DESIGN §3). */
export function accessClaims(overrides: JWTPayload = {}): JWTPayload {
  counter += 1;
  const iat = nowSeconds();
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'usr_alice',
    iat,
    exp: iat + 300,
    jti: `jti_${counter}`,
    sid: 'ses_alice',
    org: 'org_acme',
    groups: ['eng', 'ops'],
    labels: ['tier:gold'],
    roles: ['admin'],
    plan: 'pro',
    ent: [],
    scopes: [],
    amr: ['pwd'],
    ...overrides,
  };
}

export async function mint(
  keys: Pick<TestKeys, 'kid' | 'privateKey'>,
  overrides: JWTPayload = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(accessClaims(overrides))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: keys.kid, ...header })
    .sign(keys.privateKey);
}

export function handlerOptions(
  keys: TestKeys,
  extra: Partial<ForwardAuthOptions> = {},
): ForwardAuthOptions {
  return {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwks: keys.getKey,
    trustedProxies: ['10.0.0.0/8', 'loopback'],
    signInUrl: SIGN_IN,
    refreshUrl: REFRESH,
    allowedReturnHosts: ['*.example.com', 'app.example.com'],
    log: () => {},
    ...extra,
  };
}

export function makeHandler(keys: TestKeys, extra: Partial<ForwardAuthOptions> = {}) {
  return createForwardAuth(handlerOptions(keys, extra));
}

export interface Forwarded {
  host?: string;
  uri?: string;
  method?: string;
  proto?: string;
  /** Bearer token. */
  bearer?: string;
  /** The session cookie's token (decision cookies are issued to cookie sessions only). */
  access?: string;
  /** Cookie header value (after `catalyst_access` when `access` is set). */
  cookie?: string;
  browser?: boolean;
  headers?: Record<string, string>;
}

/** A forward-auth request as Traefik sends it (trustForwardHeader off) for the given original. */
export function forwardRequest(f: Forwarded = {}): Request {
  const headers = new Headers({
    'x-forwarded-method': f.method ?? 'GET',
    'x-forwarded-proto': f.proto ?? 'https',
    'x-forwarded-host': f.host ?? 'app.example.com',
    'x-forwarded-uri': f.uri ?? '/dashboard',
    'x-forwarded-for': '198.51.100.7',
    accept: f.browser ? 'text/html,application/xhtml+xml,*/*;q=0.8' : 'application/json',
  });
  if (f.bearer !== undefined) headers.set('authorization', `Bearer ${f.bearer}`);
  const cookies = [
    ...(f.access !== undefined ? [`catalyst_access=${f.access}`] : []),
    ...(f.cookie !== undefined ? [f.cookie] : []),
  ];
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '));
  for (const [name, value] of Object.entries(f.headers ?? {})) headers.set(name, value);
  return new Request('http://auth.internal:3000/api/auth/forward', { headers });
}

/** The value of one cookie in a `Set-Cookie` header. */
export function setCookieValue(response: Response, name: string): string | null {
  const header = response.headers.get('set-cookie');
  const match = header ? new RegExp(`(?:^|, )${name}=([^;]*)`).exec(header) : null;
  return match?.[1] ?? null;
}
