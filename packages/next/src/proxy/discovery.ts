interface Discovery {
  issuer: string;
  jwks_uri: string;
}

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: Promise<Discovery> }>();

/** The OpenID discovery document of our own auth server, cached per URL for five minutes. */
export function discover(url: string): Promise<Discovery> {
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
    if (!res.ok) throw new Error(`discovery ${url} answered ${res.status}`);
    return (await res.json()) as Discovery;
  });
  cache.set(url, { at: Date.now(), value });
  value.catch(() => cache.delete(url));
  return value;
}
