/**
 * Resolves a caller-supplied return URL to one on our own origin, or the fallback. Stops open
 * redirects: `//evil.example`, `https://evil.example`, `javascript:` all resolve to the fallback.
 */
export function safeRedirect(
  target: string | null | undefined,
  origin: string,
  fallback = '/',
): string {
  if (!target) return new URL(fallback, origin).toString();
  try {
    const url = new URL(target, origin);
    if (url.origin !== origin || !/^https?:$/.test(url.protocol))
      return new URL(fallback, origin).toString();
    return url.toString();
  } catch {
    return new URL(fallback, origin).toString();
  }
}
