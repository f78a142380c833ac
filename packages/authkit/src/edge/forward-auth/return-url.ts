import { compileHostPattern } from './patterns.js';

/**
 * Decides which hosts may appear in `redirect_url` (an open redirect otherwise) and builds the
 * sign-in and refresh links.
 */
export interface ReturnLinks {
  /** `base?redirect_url=<original>` when the original host is allowed, else `base` alone. */
  link(base: URL, original: { hostname: string; url: string } | null): string;
}

export function absoluteHttpUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`${name} must be an http(s) URL`);
  return url;
}

export function createReturnLinks(allowedHosts: readonly string[]): ReturnLinks {
  const patterns = allowedHosts.map((host, index) =>
    compileHostPattern(host.replace(/:\d+$/, ''), `allowedReturnHosts[${index}]`),
  );
  return {
    link(base, original) {
      const target = new URL(base);
      if (original && patterns.some((pattern) => pattern.test(original.hostname)))
        target.searchParams.set('redirect_url', original.url);
      return target.toString();
    },
  };
}
