// Every JSON route of reminders and job operations, mounted once in the tenant API: the inbox,
// the bureau admin's outbox and delivery settings, the operator's queue dashboard data.
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import { deliverySettingsRoutes } from '../delivery/settings-routes.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { queueRoutes } from '../observability/queue-routes.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';

export function reminderApiRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) })
    .route('/', inboxRoutes(deps))
    .route('/', outboxRoutes(deps))
    .route('/', deliverySettingsRoutes(deps))
    .route('/', queueRoutes(deps));
}
