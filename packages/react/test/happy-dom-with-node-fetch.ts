import type { Environment } from 'vitest/runtime';
import { builtinEnvironments } from 'vitest/runtime';

// happy-dom replaces fetch, Request, Response and Headers with its own, whose Headers hide
// Set-Cookie. Tests drive the real auth server in-process and need its cookies, so keep Node's
// (the DOM, including FormData, stays happy-dom's).
const KEEP = ['fetch', 'Request', 'Response', 'Headers', 'AbortController', 'AbortSignal'] as const;

export default {
  name: 'happy-dom-with-node-fetch',
  viteEnvironment: 'client',
  async setup(global, options) {
    const kept = Object.fromEntries(KEEP.map((key) => [key, global[key]]));
    const env = await builtinEnvironments['happy-dom'].setup(global, options);
    Object.assign(global, kept);
    return env;
  },
} satisfies Environment;
