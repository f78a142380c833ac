import { createRouteHandler, type RouteHandlers } from '@catalyst/next';
import { appAuthkit } from '../../../../lib/authkit';

// Every auth endpoint (sign-in, session, token, JWKS, orgs …) under /api/auth, on the instance
// configured from the env plus the demo's plans (lib/authkit.ts). Built on the first request.
let handlers: RouteHandlers | undefined;
const handle = (request: Request) => (handlers ??= createRouteHandler(appAuthkit())).GET(request);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
export { handle as OPTIONS };
