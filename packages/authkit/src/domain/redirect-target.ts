/** True when `host` (lower case, no port) is `pattern`, or below it for `*.example.com`. */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase();
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase().replace(/:\d+$/, '');
    if (pattern.startsWith('*.'))
      return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
    return name === pattern;
  });
}

/**
 * Resolves a caller-supplied return URL to one on our own origin (or, for domain-level
 * forward-auth, a host in `allowedHosts`), else the fallback. Stops open redirects:
 * `//evil.example`, `https://evil.example`, `javascript:` all resolve to the fallback. A listed
 * host is reached over https, or over http only when our own origin is http (development).
 */
export function safeRedirect(
  target: string | null | undefined,
  origin: string,
  fallback = '/',
  allowedHosts: readonly string[] = [],
): string {
  if (!target) return new URL(fallback, origin).toString();
  try {
    const url = new URL(target, origin);
    if (!/^https?:$/.test(url.protocol)) return new URL(fallback, origin).toString();
    if (url.origin === origin) return url.toString();
    const httpAllowed = origin.startsWith('http:');
    if (
      allowedHosts.length > 0 &&
      (url.protocol === 'https:' || httpAllowed) &&
      !url.username &&
      !url.password &&
      hostAllowed(url.hostname, allowedHosts)
    ) {
      return url.toString();
    }
    return new URL(fallback, origin).toString();
  } catch {
    return new URL(fallback, origin).toString();
  }
}
