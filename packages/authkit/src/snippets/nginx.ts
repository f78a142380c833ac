import {
  DECISION_COOKIE,
  IDENTITY_HEADERS,
  forwardAuthEndpoint,
  parseHostname,
  parseUpstream,
} from './common.js';

export interface NginxSnippetOptions {
  /** The Catalyst server (`CATALYST_BASE_URL`) or its forward-auth URL, as nginx reaches it. */
  authUrl: string;
  /** The protected service (`http://127.0.0.1:8080`). */
  upstream: string;
  /** `server_name` (`app.example.com`, or `_` for any). */
  serverName: string;
  /** `listen` (default `80`): a port or `address:port`. */
  listen?: string | number;
}

/** The internal location the `auth_request` subrequest goes to. */
export const NGINX_AUTH_LOCATION = '/_catalyst/forward-auth';

/** `X-Org-ID` → `org_id`: the suffix nginx uses in `$upstream_http_…`, and ours for variables. */
const varSuffix = (header: string) => header.toLowerCase().replace(/-/g, '_');

function parseListen(value: string | number): string {
  const text = String(value);
  if (!/^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):)?\d{1,5}$/.test(text))
    throw new TypeError(
      `listen ${JSON.stringify(text)} must be a port or address:port such as 127.0.0.1:8080`,
    );
  return text;
}

/**
 * An nginx `server` block (place it inside `http { }`) that checks every request with Catalyst
 * forward-auth through the `auth_request` module (Debian's nginx has it; from source:
 * `--with-http_auth_request_module`).
 *
 * The subrequest carries the original request as `X-Original-Method/-URI/-URL` (and the same
 * facts as `X-Forwarded-*`, overwriting any a client sent). On 2xx the identity headers are read
 * with `auth_request_set` and set upstream with `proxy_set_header`, which also drops the client's
 * own copies. `auth_request` only understands 2xx, 401 and 403, so forward-auth answers nginx with
 * 401 (never 302): `error_page 401` then sends browsers to the sign-in page forward-auth named
 * in `Location` (return URL included) and leaves API clients their 401. A 403 is passed through.
 */
export function nginxSnippet(options: NginxSnippetOptions): string {
  const endpoint = forwardAuthEndpoint(options.authUrl);
  const upstream = parseUpstream(options.upstream);
  const serverName =
    options.serverName === '_' ? '_' : parseHostname('serverName', options.serverName);
  const listen = parseListen(options.listen ?? 80);
  const v = (h: string) => `$catalyst_${varSuffix(h)}`;
  const width = Math.max(...IDENTITY_HEADERS.map((h) => h.length));

  const lines = [
    `# nginx: ${serverName} asks Catalyst forward-auth before every request (auth_request).`,
    `server {`,
    `    listen ${listen};`,
    `    server_name ${serverName};`,
    ``,
    `    location / {`,
    `        auth_request ${NGINX_AUTH_LOCATION};`,
    ...IDENTITY_HEADERS.map(
      (h) => `        auth_request_set ${v(h).padEnd(width + 10)} $upstream_http_${varSuffix(h)};`,
    ),
    `        # The decision cookie (${DECISION_COOKIE}) lets repeat requests skip policy work.`,
    `        auth_request_set $auth_cookie $upstream_http_set_cookie;`,
    `        add_header Set-Cookie $auth_cookie;`,
    `        auth_request_set $auth_location $upstream_http_location;`,
    `        error_page 401 = @catalyst_signin;`,
    ``,
    `        # proxy_set_header replaces the client's copies: only forward-auth's answer gets through.`,
    ...IDENTITY_HEADERS.map((h) => `        proxy_set_header ${h.padEnd(width)} ${v(h)};`),
    `        proxy_set_header Host $host;`,
    `        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`,
    `        proxy_set_header X-Forwarded-Proto $scheme;`,
    `        proxy_pass ${upstream.origin};`,
    `    }`,
    ``,
    `    location = ${NGINX_AUTH_LOCATION} {`,
    `        internal;`,
    `        proxy_pass ${endpoint.href};`,
    ...(endpoint.protocol === 'https:' ? [`        proxy_ssl_server_name on;`] : []),
    `        proxy_pass_request_body off;`,
    `        proxy_set_header Content-Length "";`,
    `        proxy_set_header X-Original-URI $request_uri;`,
    `        proxy_set_header X-Original-Method $request_method;`,
    `        proxy_set_header X-Original-URL $scheme://$http_host$request_uri;`,
    `        # The same facts under the names Traefik and Caddy use, so no client-sent copy survives.`,
    `        proxy_set_header X-Forwarded-Method $request_method;`,
    `        proxy_set_header X-Forwarded-Uri $request_uri;`,
    `        proxy_set_header X-Forwarded-Host $http_host;`,
    `        proxy_set_header X-Forwarded-Proto $scheme;`,
    `        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`,
    `    }`,
    ``,
    `    # Not signed in: browsers (Accept: text/html, no X-Requested-With) go to the sign-in page`,
    `    # forward-auth named in Location; API clients keep the 401 (auth_request passes its WWW-Authenticate on).`,
    `    location @catalyst_signin {`,
    `        set $catalyst_redirect 0;`,
    `        if ($http_accept ~* "text/html") {`,
    `            set $catalyst_redirect 1;`,
    `        }`,
    `        if ($http_x_requested_with) {`,
    `            set $catalyst_redirect 0;`,
    `        }`,
    `        if ($auth_location = "") {`,
    `            set $catalyst_redirect 0;`,
    `        }`,
    `        if ($catalyst_redirect = 1) {`,
    `            return 302 $auth_location;`,
    `        }`,
    `        return 401;`,
    `    }`,
    `}`,
  ];
  return `${lines.join('\n')}\n`;
}
