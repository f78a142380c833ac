import {
  DECISION_COOKIE,
  IDENTITY_HEADERS,
  forwardAuthEndpoint,
  parseHostname,
  parseName,
  parseUpstream,
} from './common.js';

export interface TraefikSnippetOptions {
  /** The Catalyst server (`CATALYST_BASE_URL`) or its forward-auth URL, as Traefik reaches it. */
  authUrl: string;
  /** The protected service (`http://127.0.0.1:8080`); labels only use its port. */
  upstream?: string;
  /** The host the router matches (`Host(...)`). */
  host?: string;
  /** `labels`: Docker / Compose labels; `file`: dynamic configuration for the file provider. */
  format: 'labels' | 'file';
  /** Router and service name (default `app`). */
  name?: string;
  /** Middleware name (default `catalyst-auth`). */
  middleware?: string;
}

/**
 * Request headers Traefik passes to forward-auth (`authRequestHeaders`); it adds its own
 * `X-Forwarded-*` after filtering, so a client cannot smuggle an `X-Original-URL` past it.
 */
export const TRAEFIK_AUTH_REQUEST_HEADERS = [
  'Accept',
  'Authorization',
  'Cookie',
  'X-Requested-With',
] as const;

/**
 * A Traefik v3 `forwardAuth` middleware in front of a service. Every field used is one Traefik's
 * ForwardAuth page documents: `address`, `trustForwardHeader` (false: Traefik writes
 * `X-Forwarded-*` itself), `authRequestHeaders`, `authResponseHeaders` (Traefik deletes the
 * client's copies before setting them) and `addAuthCookiesToResponse` (v3.0+, hands the decision
 * cookie to the browser).
 */
export function traefikSnippet(options: TraefikSnippetOptions): string {
  const address = forwardAuthEndpoint(options.authUrl).href;
  const upstream = options.upstream === undefined ? undefined : parseUpstream(options.upstream);
  const host = options.host === undefined ? undefined : parseHostname('host', options.host);
  const name = parseName('name', options.name ?? 'app');
  const mw = parseName('middleware', options.middleware ?? 'catalyst-auth');
  if (options.format === 'labels') return labels({ address, upstream, host, name, mw });
  if (options.format === 'file') return file({ address, upstream, host, name, mw });
  throw new TypeError(`format must be "labels" or "file", not ${JSON.stringify(options.format)}`);
}

interface Parts {
  address: string;
  upstream: URL | undefined;
  host: string | undefined;
  name: string;
  mw: string;
}

function labels({ address, upstream, host, name, mw }: Parts): string {
  const m = `traefik.http.middlewares.${mw}.forwardauth`;
  const lines = [
    `# Traefik v3 labels: put them on the container Traefik routes to (docker compose \`labels:\`).`,
    `labels:`,
    `  - 'traefik.enable=true'`,
    ...(host ? [`  - 'traefik.http.routers.${name}.rule=Host(\`${host}\`)'`] : []),
    `  - 'traefik.http.routers.${name}.middlewares=${mw}'`,
    ...(upstream
      ? [
          `  - 'traefik.http.services.${name}.loadbalancer.server.port=${upstream.port || (upstream.protocol === 'https:' ? '443' : '80')}'`,
        ]
      : []),
    `  - '${m}.address=${address}'`,
    `  - '${m}.trustForwardHeader=false'`,
    `  - '${m}.authRequestHeaders=${TRAEFIK_AUTH_REQUEST_HEADERS.join(',')}'`,
    `  - '${m}.authResponseHeaders=${IDENTITY_HEADERS.join(',')}'`,
    `  - '${m}.addAuthCookiesToResponse=${DECISION_COOKIE}'`,
  ];
  return `${lines.join('\n')}\n`;
}

function file({ address, upstream, host, name, mw }: Parts): string {
  const list = (items: readonly string[], indent: string) => items.map((h) => `${indent}- '${h}'`);
  const lines = [
    `# Traefik v3 dynamic configuration (file provider).`,
    `http:`,
    `  middlewares:`,
    `    ${mw}:`,
    `      forwardAuth:`,
    `        address: '${address}'`,
    `        trustForwardHeader: false`,
    `        authRequestHeaders:`,
    ...list(TRAEFIK_AUTH_REQUEST_HEADERS, '          '),
    `        authResponseHeaders:`,
    ...list(IDENTITY_HEADERS, '          '),
    `        addAuthCookiesToResponse:`,
    ...list([DECISION_COOKIE], '          '),
  ];
  if (host || upstream) {
    lines.push(
      `  routers:`,
      `    ${name}:`,
      `      rule: '${host ? `Host(\`${host}\`)` : 'PathPrefix(`/`)'}'`,
      `      middlewares:`,
      `        - '${mw}'`,
      `      service: '${name}'`,
    );
    if (!upstream) lines.push(`  # services: define "${name}", the service this router protects`);
  }
  if (upstream) {
    lines.push(
      `  services:`,
      `    ${name}:`,
      `      loadBalancer:`,
      `        servers:`,
      `          - url: '${upstream.origin}'`,
    );
  }
  return `${lines.join('\n')}\n`;
}
