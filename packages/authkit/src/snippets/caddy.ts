import { IDENTITY_HEADERS, forwardAuthEndpoint, parseUpstream } from './common.js';

export interface CaddySnippetOptions {
  /** The Catalyst server (`CATALYST_BASE_URL`) or its forward-auth URL, as Caddy reaches it. */
  authUrl: string;
  /** The protected service (`http://127.0.0.1:8080`). */
  upstream: string;
  /**
   * The Caddy site address: `app.example.com` (automatic HTTPS), `http://app.example.com`,
   * `:8080` or `http://127.0.0.1:8080`.
   */
  host: string;
}

/** Request headers only the nginx snippet sends; Caddy speaks `X-Forwarded-*` to forward-auth. */
const NGINX_ORIGINAL_HEADERS = ['X-Original-URL', 'X-Original-URI', 'X-Original-Method'];

function parseSiteAddress(value: string): string {
  if (
    !/^(?:https?:\/\/)?(?:\*\.)?[A-Za-z0-9.-]*(?::\d{1,5})?$/.test(value) ||
    /^(https?:\/\/)?$/.test(value)
  )
    throw new TypeError(
      `host ${JSON.stringify(value)} must be a Caddy site address such as app.example.com, :8080 or http://127.0.0.1:8080`,
    );
  return value;
}

/**
 * A Caddyfile site that sends every request through Catalyst forward-auth (`forward_auth`,
 * Caddy ≥ 2.5.1) and on to the upstream. Inside one `route` so the order is exactly as written:
 * client copies of the identity headers are removed first (some Caddy versions keep a client's
 * header when forward-auth answers it empty), then `forward_auth` asks Catalyst and copies its
 * answer onto the request (`copy_headers`), then `reverse_proxy` serves it. A non-2xx answer
 * (the 302 to sign-in, 401, 403) goes back to the client as is.
 */
export function caddySnippet(options: CaddySnippetOptions): string {
  const endpoint = forwardAuthEndpoint(options.authUrl);
  const upstream = parseUpstream(options.upstream);
  const site = parseSiteAddress(options.host);
  const lines = [
    `# Caddy v2: ${site} asks Catalyst forward-auth before every request.`,
    `${site} {`,
    `\troute {`,
    `\t\t# Only forward-auth's answer may set these: drop whatever the client sent.`,
    ...IDENTITY_HEADERS.map((h) => `\t\trequest_header -${h}`),
    ``,
    `\t\tforward_auth ${endpoint.origin} {`,
    ...(endpoint.search
      ? []
      : [
          `\t\t\t# The trailing "?" drops the client's query: X-Forwarded-Uri carries the request.`,
        ]),
    `\t\t\turi ${endpoint.pathname}${endpoint.search || '?'}`,
    `\t\t\t# Caddy describes the original request in X-Forwarded-Method/-Uri/-Host/-Proto;`,
    `\t\t\t# never let a client add the nginx-style names next to them.`,
    ...NGINX_ORIGINAL_HEADERS.map((h) => `\t\t\theader_up -${h}`),
    `\t\t\tcopy_headers ${IDENTITY_HEADERS.join(' ')}`,
    `\t\t}`,
    ``,
    `\t\treverse_proxy ${upstream.origin}`,
    `\t}`,
    `}`,
  ];
  return `${lines.join('\n')}\n`;
}
