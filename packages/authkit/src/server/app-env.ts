import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestContext } from '../services/request-context.js';
import type { ConnectionInfo } from './request-info.js';
import type { Runtime } from './runtime.js';

export interface AppEnv {
  Bindings: ConnectionInfo;
  Variables: {
    rt: Runtime;
    ctx: RequestContext;
    /** The origin the client used (request URL, or a trusted proxy's forwarded proto/host). */
    origin: string;
  };
}

export type App = OpenAPIHono<AppEnv>;
