import { readFile } from 'node:fs/promises';
import { policyRuleSchema, type Requirement } from '../domain/policy.js';
import { createForwardAuth } from '../edge/forward-auth/index.js';
import type {
  ForwardAuth,
  ForwardAuthOptions,
  ForwardAuthRoute,
} from '../edge/forward-auth/index.js';
import { deriveDecisionKey } from '../tokens/decision-key.js';
import type { CliIo } from './io.js';
import { forwardAuthListener } from '../server/forward-auth-node.js';
import { listenNode, type ListeningServer } from './node-server.js';

/** What `--config forward-auth.json` may hold; everything is optional. */
export interface ForwardAuthFileConfig {
  routes?: ForwardAuthRoute[];
  defaultRequire?: Requirement;
  /** Absolute sign-in page URL (default `<CATALYST_BASE_URL>/sign-in`). */
  signInUrl?: string;
  /** Default `<CATALYST_BASE_URL><basePath>/refresh`. */
  refreshUrl?: string;
  allowedReturnHosts?: string[];
  /**
   * `auto` (default): browsers get a 302 to sign-in, API calls a 401; requests from the nginx
   * snippet (`X-Original-URI`) always a 401. `nginx`: always a 401.
   */
  mode?: 'auto' | 'nginx';
  /** Decision cookie `Domain` (default CATALYST_COOKIE_DOMAIN, else host-only). */
  cookieDomain?: string;
  /** Expected `aud` (default `catalyst`, the server's default). */
  audience?: string | string[];
  /** The auth server's base path (default `/api/auth`). */
  basePath?: string;
  /** Decision cookie lifetime, 1–60 s. */
  decisionTtlSeconds?: number;
  /** Poll the revocation list at least this often (default: the server's `ttlSeconds`). */
  revocationPollSeconds?: number;
}

const KNOWN_KEYS = new Set([
  'routes',
  'defaultRequire',
  'signInUrl',
  'refreshUrl',
  'allowedReturnHosts',
  'mode',
  'cookieDomain',
  'audience',
  'basePath',
  'decisionTtlSeconds',
  'revocationPollSeconds',
  '$schema',
]);
const ROUTE_KEYS = new Set(['id', 'host', 'path', 'require', 'public']);

const requirementSchema = policyRuleSchema.shape.require;

function invalid(field: string, message: string): never {
  throw new TypeError(`forward-auth config ${field}: ${message}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A requirement, checked strictly: a typo such as `role` for `roles` would otherwise be ignored
 * and turn "admins only" into "anyone signed in".
 */
function parseRequirement(value: unknown, field: string): Requirement {
  const parsed = requirementSchema.safeParse(value);
  if (parsed.success && parsed.data) return parsed.data;
  if (parsed.success) return invalid(field, 'must be an object');
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
  return invalid([field, ...path.map(String)].join('.'), issue.message);
}

function optionalString(config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') invalid(key, 'must be a non-empty string');
  return value;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))
    invalid(field, 'must be a list of non-empty strings');
  return value as string[];
}

/** Validates the JSON file's contents; a TypeError names the field that is wrong. */
export function parseForwardAuthConfig(input: unknown): ForwardAuthFileConfig {
  if (!isObject(input)) return invalid('(root)', 'must be a JSON object');
  for (const key of Object.keys(input)) if (!KNOWN_KEYS.has(key)) invalid(key, 'unknown key');
  const config: ForwardAuthFileConfig = {};
  if (input.routes !== undefined) {
    if (!Array.isArray(input.routes)) invalid('routes', 'must be a list');
    config.routes = input.routes.map((route: unknown, index): ForwardAuthRoute => {
      const field = `routes.${index}`;
      if (!isObject(route)) return invalid(field, 'must be an object');
      for (const key of Object.keys(route))
        if (!ROUTE_KEYS.has(key)) invalid(`${field}.${key}`, 'unknown key');
      const out: ForwardAuthRoute = {};
      for (const key of ['id', 'host', 'path'] as const) {
        const value = route[key];
        if (value === undefined) continue;
        if (typeof value !== 'string' || value === '')
          invalid(`${field}.${key}`, 'must be a non-empty string');
        out[key] = value;
      }
      if (route.public !== undefined) {
        if (typeof route.public !== 'boolean') invalid(`${field}.public`, 'must be true or false');
        out.public = route.public;
      }
      if (route.require !== undefined)
        out.require = parseRequirement(route.require, `${field}.require`);
      return out;
    });
  }
  if (input.defaultRequire !== undefined)
    config.defaultRequire = parseRequirement(input.defaultRequire, 'defaultRequire');
  for (const key of ['signInUrl', 'refreshUrl', 'cookieDomain', 'basePath'] as const) {
    const value = optionalString(input, key);
    if (value !== undefined) config[key] = value;
  }
  if (config.basePath !== undefined && !/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/.test(config.basePath))
    invalid('basePath', 'must start with "/" and not end with one');
  if (input.allowedReturnHosts !== undefined)
    config.allowedReturnHosts = stringList(input.allowedReturnHosts, 'allowedReturnHosts');
  if (input.mode !== undefined) {
    if (input.mode !== 'auto' && input.mode !== 'nginx') invalid('mode', 'must be auto or nginx');
    config.mode = input.mode;
  }
  if (input.audience !== undefined)
    config.audience =
      typeof input.audience === 'string' && input.audience !== ''
        ? input.audience
        : stringList(input.audience, 'audience');
  for (const key of ['decisionTtlSeconds', 'revocationPollSeconds'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      invalid(key, 'must be a positive whole number of seconds');
    config[key] = value;
  }
  return config;
}

/** Reads and validates `--config`; errors name the file and the field. */
export async function loadForwardAuthConfig(path: string): Promise<ForwardAuthFileConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TypeError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseForwardAuthConfig(json);
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}`);
  }
}

/**
 * The options `catalyst forward-auth` runs with. Trust anchors come from configuration, never
 * from a request (DESIGN §3): issuer `<CATALYST_BASE_URL>/api/auth`, its JWKS, and its revocation
 * list; trusted proxies from CATALYST_TRUSTED_PROXIES.
 */
export async function forwardAuthOptions(
  env: Record<string, string | undefined>,
  file: ForwardAuthFileConfig = {},
): Promise<ForwardAuthOptions> {
  const baseText = env.CATALYST_BASE_URL;
  if (!baseText) throw new TypeError('forward-auth needs CATALYST_BASE_URL (the auth server)');
  let base: URL;
  try {
    base = new URL(baseText);
  } catch {
    throw new TypeError(`CATALYST_BASE_URL is not an absolute URL: ${baseText}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new TypeError(`CATALYST_BASE_URL must be http(s): ${baseText}`);
  const basePath = file.basePath ?? '/api/auth';
  // Same rule as the server's issuer: the base path resolved against the base URL.
  const issuer = new URL(basePath, base).toString();
  const trustedProxies = (env.CATALYST_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const secret = env.CATALYST_SECRET;
  const cookieDomain = file.cookieDomain ?? (env.CATALYST_COOKIE_DOMAIN || undefined);
  return {
    issuer,
    audience: file.audience ?? 'catalyst',
    jwks: `${issuer}/.well-known/jwks.json`,
    trustedProxies,
    signInUrl: file.signInUrl ?? new URL('/sign-in', base).toString(),
    refreshUrl: file.refreshUrl ?? `${issuer}/refresh`,
    ...(file.allowedReturnHosts ? { allowedReturnHosts: file.allowedReturnHosts } : {}),
    routes: file.routes ?? [],
    ...(file.defaultRequire ? { defaultRequire: file.defaultRequire } : {}),
    mode: file.mode ?? 'auto',
    revocations: {
      url: `${issuer}/revocations`,
      ...(file.revocationPollSeconds ? { pollSeconds: file.revocationPollSeconds } : {}),
    },
    ...(secret ? { decisionSecret: await deriveDecisionKey(secret) } : {}),
    ...(file.decisionTtlSeconds ? { decisionTtlSeconds: file.decisionTtlSeconds } : {}),
    ...(cookieDomain ? { cookieDomain } : {}),
  };
}

export interface RunningForwardAuth {
  url: string;
  port: number;
  forwardAuth: ForwardAuth;
  close(): Promise<void>;
}

/**
 * `catalyst forward-auth`: the forward-auth handler on Node's HTTP server, every path and method.
 * The connecting peer comes from the socket, so only CATALYST_TRUSTED_PROXIES may describe a
 * request with `X-Forwarded-*` / `X-Original-*`.
 */
export async function serveForwardAuth(
  io: CliIo,
  {
    port,
    hostname = '127.0.0.1',
    configPath,
  }: { port: number; hostname?: string; configPath?: string },
): Promise<RunningForwardAuth> {
  const file = configPath ? await loadForwardAuthConfig(configPath) : {};
  const options = await forwardAuthOptions(io.env, file);
  const forwardAuth = createForwardAuth({
    ...options,
    log: (level, message, fields) =>
      io.err(JSON.stringify({ level, msg: message, ...(fields ?? {}) })),
  });
  if (options.trustedProxies?.length === 0)
    io.err(
      'warn CATALYST_TRUSTED_PROXIES is not set: every request is refused (400 untrusted_proxy) until the proxy address is listed',
    );
  let server: ListeningServer;
  try {
    // Straight onto node:http: no Web Request/Response objects on the hot path.
    server = await listenNode(forwardAuthListener(forwardAuth), { port, hostname });
  } catch (error) {
    forwardAuth.close();
    throw error;
  }
  io.out(
    `catalyst forward-auth listening on ${server.url} (issuer ${options.issuer}, ${options.routes?.length ?? 0} routes, ${options.mode} mode)`,
  );
  return {
    url: server.url,
    port: server.port,
    forwardAuth,
    close: async () => {
      forwardAuth.close();
      await server.close();
    },
  };
}
