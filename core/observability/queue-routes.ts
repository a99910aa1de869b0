// The platform operator's queue dashboard data: GET /queues (counts per queue and the latest
// failed jobs) and POST /queues/{queue}/jobs/{jobId}/retry; `available: false` without Redis.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
const params = z.object({
  queue: z.string().regex(/^[a-z-]{1,40}$/).openapi({ param: { name: 'queue', in: 'path' } }),
  jobId: z.string().min(1).max(200).openapi({ param: { name: 'jobId', in: 'path' } }),
});

export function queueRoutes(deps: Pick<AppDeps, 't' | 'jobs'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.openapi(
    createRoute({ method: 'get', path: '/queues', tags: ['operations'], middleware: [requireUser('api', ['platform_operator'])] as const, responses: { 200: json('every queue'), 403: json('platform operators only') } }),
    async (c) => {
      if (!deps.jobs) return c.json({ available: false, queues: [] }, 200);
      return c.json({ available: true, queues: await deps.jobs.stats() }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/queues/{queue}/jobs/{jobId}/retry', tags: ['operations'], middleware: [requireUser('api', ['platform_operator'])] as const, request: { params }, responses: { 202: json('retried'), 404: json('no such failed job') } }),
    async (c) => {
      const { queue, jobId } = c.req.valid('param');
      if (!deps.jobs || !(await deps.jobs.retryJob(queue, jobId))) throw notFound();
      return c.json({ queue, jobId, retried: true }, 202);
    },
  );
  return app;
}
