import { describe, expect, it } from 'vitest';
import { compileHostPattern, compilePathPattern } from './patterns.js';
import { compileRoutePolicy } from './route-policy.js';

describe('host patterns', () => {
  it('matches exact hosts and wildcard subdomains of one or more labels', () => {
    const exact = compileHostPattern('App.Example.com', 'h');
    expect(exact.test('app.example.com')).toBe(true);
    expect(exact.test('x.app.example.com')).toBe(false);
    const wild = compileHostPattern('*.example.com', 'h');
    expect(['a.example.com', 'a.b.example.com'].every((h) => wild.test(h))).toBe(true);
    expect(
      ['example.com', 'aexample.com', 'a.example.com.evil.net'].some((h) => wild.test(h)),
    ).toBe(false);
  });

  it('throws a TypeError naming a pattern it does not understand', () => {
    for (const bad of ['app.*.com', '*', 'http://app.example.com', 'app.example.com/x', ''])
      expect(() => compileHostPattern(bad, 'routes[3].host')).toThrow(/routes\[3\]\.host/);
  });
});

describe('path patterns', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['/x', ['/x', '/x/'], ['/x/y', '/xy', '/']],
    ['/api/*', ['/api', '/api/', '/api/a/b'], ['/apix', '/ap']],
    ['/orgs/:id/*', ['/orgs/o1', '/orgs/o1/members/2'], ['/orgs', '/orgs/']],
    [
      '/orgs/:id/billing',
      ['/orgs/o1/billing', '/orgs/o1/billing/'],
      ['/orgs/o1/billing/x', '/orgs//billing'],
    ],
    ['/docs/:path*', ['/docs', '/docs/a/b'], ['/doc']],
    ['/docs/:path+', ['/docs/a', '/docs/a/b'], ['/docs', '/docs/']],
    ['/', ['/'], ['/a']],
    ['/*', ['/', '/a/b'], []],
    ['/a.b', ['/a.b'], ['/aXb']],
  ];
  it.each(cases)('%s', (pattern, yes, no) => {
    const re = compilePathPattern(pattern, 'p');
    for (const path of yes) expect(re.test(path), path).toBe(true);
    for (const path of no) expect(re.test(path), path).toBe(false);
  });

  it('throws a TypeError naming a pattern it does not understand', () => {
    for (const bad of ['admin', '/a/*/b', '/a/:/b', '/a/:p*/b', '/a/../b', '/a b', '/(.*)'])
      expect(() => compilePathPattern(bad, 'routes[1].path'), bad).toThrow(/routes\[1\]\.path/);
  });
});

describe('route policy', () => {
  it('picks the first route whose host and path both match, else the default', () => {
    const policy = compileRoutePolicy(
      [
        { id: 'admin', host: 'app.example.com', path: '/admin/*', require: { roles: ['owner'] } },
        { path: '/admin/*', public: true },
        { host: '*.example.com' },
      ],
      { mfa: true },
    );
    expect(policy.match('app.example.com', '/admin/x')).toMatchObject({
      label: 'admin',
      public: false,
    });
    expect(policy.match('other.test', '/admin/x')).toMatchObject({ label: '1', public: true });
    expect(policy.match('b.example.com', '/')).toMatchObject({
      label: '2',
      require: { mfa: true },
    });
    expect(policy.match('other.test', '/')).toMatchObject({
      label: 'default',
      require: { mfa: true },
    });
    expect(policy.hostPatterns).toEqual(['app.example.com', '*.example.com']);
  });

  it('gives each route an rt that changes when its rule changes', () => {
    const a = compileRoutePolicy([{ id: 'r', path: '/x', require: { roles: ['a'] } }], {});
    const b = compileRoutePolicy([{ id: 'r', path: '/x', require: { roles: ['b'] } }], {});
    const a2 = compileRoutePolicy([{ id: 'r', path: '/x', require: { roles: ['a'] } }], {});
    expect(a.match('h', '/x').rt).not.toBe(b.match('h', '/x').rt);
    expect(a.match('h', '/x').rt).toBe(a2.match('h', '/x').rt);
    expect(a.match('h', '/y').rt).not.toBe(
      compileRoutePolicy([], { roles: ['x'] }).match('h', '/y').rt,
    );
  });
});
