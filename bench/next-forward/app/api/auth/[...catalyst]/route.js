import { createAuthkit, settingsFromEnv } from '@catalyst/authkit/server';
import { createRouteHandler } from '@catalyst/next';

// The auth routes, /api/auth/forward included, with one protected route for the bench.
let handlers;
const handle = (request) =>
  (handlers ??= createRouteHandler(
    createAuthkit({
      ...settingsFromEnv(),
      trustedProxies: ['loopback'],
      forwardAuth: { routes: [{ host: 'app.example.com', path: '/reports/*' }] },
    }),
  )).GET(request);

export { handle as GET, handle as POST };
