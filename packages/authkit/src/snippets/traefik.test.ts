import { describe, expect, it } from 'vitest';
import { DECISION_COOKIE, IDENTITY_HEADERS, forwardAuthEndpoint } from './common.js';
import { forwardAuth } from './index.js';
import { TRAEFIK_AUTH_REQUEST_HEADERS, traefikSnippet } from './traefik.js';

const base = {
  authUrl: 'http://catalyst:3000',
  upstream: 'http://app:8080',
  host: 'app.example.com',
};

describe('traefikSnippet', () => {
  it('labels: a forwardAuth middleware with only documented fields', () => {
    const text = traefikSnippet({ ...base, format: 'labels' });
    expect(forwardAuth.traefikSnippet).toBe(traefikSnippet);
    const labels = text
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .map((l) => /^ {2}- '(.*)'$/.exec(l)?.[1]);
    const m = 'traefik.http.middlewares.catalyst-auth.forwardauth';
    expect(labels).toEqual([
      'traefik.enable=true',
      'traefik.http.routers.app.rule=Host(`app.example.com`)',
      'traefik.http.routers.app.middlewares=catalyst-auth',
      'traefik.http.services.app.loadbalancer.server.port=8080',
      `${m}.address=http://catalyst:3000/api/auth/forward`,
      `${m}.trustForwardHeader=false`,
      `${m}.authRequestHeaders=Accept,Authorization,Cookie,X-Requested-With`,
      `${m}.authResponseHeaders=${IDENTITY_HEADERS.join(',')}`,
      `${m}.addAuthCookiesToResponse=${DECISION_COOKIE}`,
    ]);
  });

  it('file: dynamic configuration with middleware, router and service', () => {
    const text = traefikSnippet({ ...base, format: 'file' });
    const list = (items: readonly string[]) => items.map((h) => `          - '${h}'`).join('\n');
    expect(text).toContain(
      [
        'http:',
        '  middlewares:',
        '    catalyst-auth:',
        '      forwardAuth:',
        "        address: 'http://catalyst:3000/api/auth/forward'",
        '        trustForwardHeader: false',
        '        authRequestHeaders:',
        list(TRAEFIK_AUTH_REQUEST_HEADERS),
        '        authResponseHeaders:',
        list(IDENTITY_HEADERS),
        '        addAuthCookiesToResponse:',
        list([DECISION_COOKIE]),
        '  routers:',
        '    app:',
        "      rule: 'Host(`app.example.com`)'",
        '      middlewares:',
        "        - 'catalyst-auth'",
        "      service: 'app'",
        '  services:',
        '    app:',
        '      loadBalancer:',
        '        servers:',
        "          - url: 'http://app:8080'",
      ].join('\n'),
    );
    // No tabs: YAML forbids them for indentation.
    expect(text).not.toContain('\t');
  });

  it('prints the middleware alone without upstream or host', () => {
    const labels = traefikSnippet({ authUrl: 'http://catalyst:3000', format: 'labels' });
    expect(labels).not.toContain('routers.app.rule');
    expect(labels).not.toContain('loadbalancer');
    const file = traefikSnippet({ authUrl: 'http://catalyst:3000', format: 'file' });
    expect(file).not.toContain('routers:');
    expect(file).not.toContain('services:');
  });

  it('names routers and middlewares as asked, and validates input', () => {
    const text = traefikSnippet({ ...base, format: 'labels', name: 'web', middleware: 'sso' });
    expect(text).toContain('traefik.http.routers.web.middlewares=sso');
    expect(text).toContain('traefik.http.middlewares.sso.forwardauth.address=');
    expect(() => traefikSnippet({ ...base, format: 'labels', host: 'a`) || Host(`b' })).toThrow(
      /host/,
    );
    expect(() => traefikSnippet({ ...base, format: 'labels', name: 'a.b' })).toThrow(/name/);
    expect(() => traefikSnippet({ ...base, format: 'toml' as 'file' })).toThrow(/format/);
  });
});

describe('forwardAuthEndpoint', () => {
  it('adds /api/auth/forward to an origin, keeps /forward, treats other paths as the base path', () => {
    expect(forwardAuthEndpoint('http://localhost:3000').href).toBe(
      'http://localhost:3000/api/auth/forward',
    );
    expect(forwardAuthEndpoint('http://localhost:3000/').href).toBe(
      'http://localhost:3000/api/auth/forward',
    );
    expect(forwardAuthEndpoint('https://id.example.com/api/auth/forward').href).toBe(
      'https://id.example.com/api/auth/forward',
    );
    expect(forwardAuthEndpoint('https://id.example.com/auth/').href).toBe(
      'https://id.example.com/auth/forward',
    );
    expect(() => forwardAuthEndpoint('localhost:3000')).toThrow(/authUrl/);
    expect(() => forwardAuthEndpoint('http://user:pw@x')).toThrow(/credentials/);
  });
});
