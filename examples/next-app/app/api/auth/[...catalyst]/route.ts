import { createRouteHandler } from '@catalyst/next';

// Every auth endpoint (sign-in, session, token, JWKS …) under /api/auth, configured from the env.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = createRouteHandler();
