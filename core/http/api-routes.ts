// The JSON API of one tenant, under /api/v1/t/:tenant; each domain module adds its routes here.
import { Hono } from 'hono';
import { sessionRoutes } from '../sessions/session-routes.ts';
import { userRoutes } from '../users/user-routes.ts';
import type { AppDeps, AppEnv } from './app-env.ts';

export function tenantApiRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().route('/', sessionRoutes(deps)).route('/', userRoutes(deps));
}
