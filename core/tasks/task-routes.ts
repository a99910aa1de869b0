// Everything under /tasks: the resource and its notes, behind a guard that keeps roles without
// any task access out (403) and lets no department officer delete a task.
import { OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { resourceRoutes } from '../crud/resource-routes.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden, unauthenticated } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { TASK_ROLES } from './task-access.ts';
import { taskNoteRoutes } from './task-note-routes.ts';
import { taskResource } from './task-resource.ts';

const guard = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('auth')?.user;
  if (!user) throw unauthenticated();
  if (!(TASK_ROLES as readonly string[]).includes(user.role)) throw forbidden();
  if (user.role === 'department_officer' && c.req.method === 'DELETE') throw forbidden();
  await next();
});

export function taskRoutes(deps: Pick<AppDeps, 't'>) {
  const def = taskResource(deps.t);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/tasks', guard);
  app.use('/tasks/*', guard);
  return app.route('/', resourceRoutes(def, deps)).route('/', taskNoteRoutes(def, deps));
}
