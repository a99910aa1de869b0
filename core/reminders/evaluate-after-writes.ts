// After a successful write under a tenant, queue that tenant's (debounced) evaluation, so
// findings and finding-driven reminders follow the data. Runs around the tenant scope, so the
// write has committed when it enqueues; a Redis that is down never fails the request.
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../http/app-env.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that change no data a policy reads. */
const NOT_POLICY_DATA = /\/(session|password|inbox|reminders|delivery-settings|queues|evaluations|preview|logout|login|lang)(\/|$)/;

export function evaluateAfterWrites(deps: Pick<AppDeps, 'jobs' | 'log'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!deps.jobs || !WRITES.has(c.req.method) || c.res.status >= 400 || NOT_POLICY_DATA.test(c.req.path)) return;
    const tenant = c.get('tenant');
    if (!tenant || tenant.kind === 'platform') return;
    await deps.jobs.enqueueEvaluation(tenant.id).catch((error: unknown) => deps.log.warn({ err: error, tenant: tenant.slug }, 'could not queue an evaluation after a write'));
  });
}
