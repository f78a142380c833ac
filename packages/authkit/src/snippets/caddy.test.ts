import { describe, expect, it } from 'vitest';
import { caddySnippet } from './caddy.js';
import { IDENTITY_HEADERS } from './common.js';
import { forwardAuth } from './index.js';
import { CADDY_BIN, caddyAdapt, hasCaddy } from './proxy-check.js';

const options = {
  authUrl: 'http://127.0.0.1:3000',
  upstream: 'http://127.0.0.1:8080',
  host: 'app.example.com',
};

describe('caddySnippet', () => {
  it('asks forward-auth at /api/auth/forward and copies every identity header', () => {
    const text = caddySnippet(options);
    expect(text).toContain('app.example.com {');
    expect(text).toMatch(/^\t\tforward_auth http:\/\/127\.0\.0\.1:3000 \{$/m);
    // The trailing "?" clears the client's query: only X-Forwarded-Uri describes the request.
    expect(text).toMatch(/^\t\t\turi \/api\/auth\/forward\?$/m);
    expect(text).toMatch(
      /^\t\t\tcopy_headers X-User-Sub X-Org-ID X-Labels X-Scopes X-Roles Remote-User Remote-Groups$/m,
    );
    expect(text).toMatch(/^\t\treverse_proxy http:\/\/127\.0\.0\.1:8080$/m);
    expect(forwardAuth.caddySnippet).toBe(caddySnippet);
  });

  it('strips client copies of the identity headers before forward_auth, inside one route', () => {
    const text = caddySnippet(options);
    const route = text.indexOf('\troute {');
    const forward = text.indexOf('forward_auth');
    expect(route).toBeGreaterThan(0);
    for (const header of IDENTITY_HEADERS) {
      const strip = text.indexOf(`request_header -${header}\n`);
      expect(strip, header).toBeGreaterThan(route);
      expect(strip, header).toBeLessThan(forward);
    }
    for (const header of ['X-Original-URL', 'X-Original-URI', 'X-Original-Method'])
      expect(text).toContain(`header_up -${header}\n`);
  });

  it('keeps an explicit forward-auth path and reads other paths as the base path', () => {
    expect(
      caddySnippet({ ...options, authUrl: 'https://id.example.com/api/auth/forward' }),
    ).toMatch(
      /forward_auth https:\/\/id\.example\.com \{\n(\t\t\t#.*\n)?\t\t\turi \/api\/auth\/forward\?\n/,
    );
    expect(caddySnippet({ ...options, authUrl: 'http://auth:4000/auth' })).toMatch(
      /forward_auth http:\/\/auth:4000 \{\n(\t\t\t#.*\n)?\t\t\turi \/auth\/forward\?\n/,
    );
  });

  it('refuses values that would break out of the Caddyfile', () => {
    expect(() => caddySnippet({ ...options, host: 'app.example.com {\n}' })).toThrow(/host/);
    expect(() => caddySnippet({ ...options, upstream: 'http://x/ ; y' })).toThrow(/upstream/);
    expect(() => caddySnippet({ ...options, upstream: 'http://x:1/path' })).toThrow(/no path/);
    expect(() => caddySnippet({ ...options, authUrl: 'ftp://x' })).toThrow(/authUrl/);
    expect(() => caddySnippet({ ...options, authUrl: 'http://a/b;c' })).toThrow(/authUrl/);
  });

  it.skipIf(!hasCaddy())(`is accepted by \`caddy adapt\` (${CADDY_BIN})`, () => {
    for (const host of ['app.example.com', 'http://127.0.0.1:8081', ':8082']) {
      const result = caddyAdapt(caddySnippet({ ...options, host }));
      expect(result.ok, `${result.output}\n${result.config}`).toBe(true);
      // Well formed: caddy would warn "Caddyfile input is not formatted" otherwise.
      expect(result.output).not.toMatch(/not formatted/);
    }
  });
  if (!hasCaddy())
    it.skip(`caddy adapt check skipped: ${CADDY_BIN} is missing (apt-get install caddy)`);
});
