import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestContext } from '../services/request-context.js';
import type { ConnectionInfo } from './request-info.js';
import type { Runtime } from './runtime.js';

export interface AppEnv {
  Bindings: ConnectionInfo;
  Variables: { rt: Runtime; ctx: RequestContext };
}

export type App = OpenAPIHono<AppEnv>;
