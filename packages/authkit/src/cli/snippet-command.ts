import { caddySnippet, nginxSnippet, traefikSnippet } from '../snippets/index.js';
import type { CliIo } from './io.js';

export interface SnippetArgs {
  proxy: string | undefined;
  authUrl?: string;
  upstream?: string;
  host?: string;
  format?: string;
  listen?: string;
}

const PROXIES = ['traefik', 'caddy', 'nginx'];

/**
 * `catalyst snippet traefik|caddy|nginx`: prints ready proxy configuration for forward-auth.
 * The auth URL defaults to CATALYST_BASE_URL; nothing is read or written besides stdout.
 */
export function snippetCommand(io: CliIo, args: SnippetArgs): number {
  const { proxy } = args;
  if (!proxy || !PROXIES.includes(proxy)) {
    io.err(`snippet needs a proxy: catalyst snippet ${PROXIES.join('|')}`);
    return 2;
  }
  const authUrl = args.authUrl ?? io.env.CATALYST_BASE_URL;
  if (!authUrl) {
    io.err('snippet needs --auth-url URL (or CATALYST_BASE_URL): where the proxy reaches Catalyst');
    return 2;
  }
  const required = (flag: string, value: string | undefined): value is string => {
    if (value) return true;
    io.err(`snippet ${proxy} needs ${flag}`);
    return false;
  };
  try {
    if (proxy === 'traefik') {
      const format = args.format ?? 'labels';
      if (format !== 'labels' && format !== 'file') {
        io.err(`invalid --format: ${format} (labels or file)`);
        return 2;
      }
      io.out(
        traefikSnippet({ authUrl, upstream: args.upstream, host: args.host, format }).trimEnd(),
      );
      return 0;
    }
    if (!required('--upstream URL', args.upstream) || !required('--host HOST', args.host)) return 2;
    io.out(
      (proxy === 'caddy'
        ? caddySnippet({ authUrl, upstream: args.upstream, host: args.host })
        : nginxSnippet({
            authUrl,
            upstream: args.upstream,
            serverName: args.host,
            ...(args.listen ? { listen: args.listen } : {}),
          })
      ).trimEnd(),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    io.err(`snippet ${proxy}: ${error.message}`);
    return 2;
  }
}
