import { describe, expect, it } from 'vitest';
import { IDENTITY_HEADERS } from './common.js';
import { forwardAuth } from './index.js';
import { NGINX_AUTH_LOCATION, nginxSnippet } from './nginx.js';
import { NGINX_BIN, hasNginx, nginxTest } from './proxy-check.js';

const options = {
  authUrl: 'http://127.0.0.1:3000',
  upstream: 'http://127.0.0.1:8080',
  serverName: 'app.example.com',
};

/** The body of one `location … {` block (our snippets never nest blocks deeper than `if`). */
function location(text: string, head: string): string {
  const start = text.indexOf(`location ${head} {`);
  expect(start, `location ${head}`).toBeGreaterThan(0);
  return text.slice(start, text.indexOf('\n    }\n', start));
}

describe('nginxSnippet', () => {
  it('guards / with auth_request and forwards identity headers upstream', () => {
    const text = nginxSnippet(options);
    expect(forwardAuth.nginxSnippet).toBe(nginxSnippet);
    expect(text).toMatch(/^ {4}listen 80;$/m);
    expect(text).toMatch(/^ {4}server_name app\.example\.com;$/m);
    const main = location(text, '/');
    expect(main).toContain(`auth_request ${NGINX_AUTH_LOCATION};`);
    for (const header of IDENTITY_HEADERS) {
      const name = header.toLowerCase().replace(/-/g, '_');
      expect(main).toMatch(
        new RegExp(`auth_request_set \\$catalyst_${name} +\\$upstream_http_${name};`),
      );
      expect(main).toMatch(new RegExp(`proxy_set_header ${header} +\\$catalyst_${name};`));
    }
    expect(main).toContain('auth_request_set $auth_cookie $upstream_http_set_cookie;');
    expect(main).toContain('add_header Set-Cookie $auth_cookie;');
    expect(main).toContain('auth_request_set $auth_location $upstream_http_location;');
    expect(main).toContain('error_page 401 = @catalyst_signin;');
    expect(main).toContain('proxy_pass http://127.0.0.1:8080;');
  });

  it('sends the original request to forward-auth in an internal, body-less subrequest', () => {
    const auth = location(nginxSnippet(options), `= ${NGINX_AUTH_LOCATION}`);
    for (const line of [
      'internal;',
      'proxy_pass http://127.0.0.1:3000/api/auth/forward;',
      'proxy_pass_request_body off;',
      'proxy_set_header Content-Length "";',
      'proxy_set_header X-Original-URI $request_uri;',
      'proxy_set_header X-Original-Method $request_method;',
      'proxy_set_header X-Original-URL $scheme://$http_host$request_uri;',
      // Overwrites any X-Forwarded-* the client sent, whichever names forward-auth reads.
      'proxy_set_header X-Forwarded-Uri $request_uri;',
      'proxy_set_header X-Forwarded-Host $http_host;',
    ])
      expect(auth).toContain(line);
  });

  it('redirects signed-out browsers to the Location forward-auth named; API clients keep 401', () => {
    const signin = location(nginxSnippet(options), '@catalyst_signin');
    expect(signin).toContain('if ($http_accept ~* "text/html")');
    expect(signin).toContain('if ($http_x_requested_with)');
    expect(signin).toContain('return 302 $auth_location;');
    expect(signin).toMatch(/return 401;\s*$/);
  });

  it('takes a listen address and turns on SNI for an https forward-auth URL', () => {
    const text = nginxSnippet({
      ...options,
      authUrl: 'https://id.example.com',
      listen: '127.0.0.1:8443',
      serverName: '_',
    });
    expect(text).toContain('listen 127.0.0.1:8443;');
    expect(text).toContain('server_name _;');
    expect(text).toContain('proxy_pass https://id.example.com/api/auth/forward;');
    expect(text).toContain('proxy_ssl_server_name on;');
  });

  it('refuses values that would break out of nginx.conf', () => {
    expect(() => nginxSnippet({ ...options, serverName: 'a; include /etc/passwd' })).toThrow(
      /serverName/,
    );
    expect(() => nginxSnippet({ ...options, upstream: 'http://x:1/$host' })).toThrow(/upstream/);
    expect(() => nginxSnippet({ ...options, listen: '80; user root' })).toThrow(/listen/);
    expect(() => nginxSnippet({ ...options, authUrl: 'http://a/$x' })).toThrow(/authUrl/);
  });

  it.skipIf(!hasNginx())(`is accepted by \`nginx -t\` (${NGINX_BIN})`, () => {
    const result = nginxTest(nginxSnippet({ ...options, listen: '127.0.0.1:8080' }));
    expect(result.ok, `${result.output}\n${result.config}`).toBe(true);
    expect(result.output).toMatch(/test is successful/);
  });
  if (!hasNginx())
    it.skip(`nginx -t check skipped: ${NGINX_BIN} is missing (apt-get install nginx)`);
});
