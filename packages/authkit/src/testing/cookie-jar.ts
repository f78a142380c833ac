/**
 * A minimal cookie jar for driving the handler from Node the way a browser would. Only our own
 * cookies pass through it (name, value, Path, Max-Age), so a full RFC 6265 library is not needed.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string; expires: number }>();

  store(response: Response, now = Date.now()): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = '/';
      let expires = Number.POSITIVE_INFINITY;
      for (const attr of attrs) {
        const [k, v = ''] = attr.trim().split('=');
        if (k?.toLowerCase() === 'path') path = v;
        if (k?.toLowerCase() === 'max-age') expires = now + Number(v) * 1000;
      }
      if (expires <= now || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path, expires });
    }
  }

  header(url: string, now = Date.now()): string {
    const { pathname } = new URL(url);
    return [...this.cookies]
      .filter(
        ([, c]) =>
          c.expires > now &&
          (pathname === c.path ||
            pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) ||
            c.path === '/'),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  set(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path, expires: Number.POSITIVE_INFINITY });
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }
}
