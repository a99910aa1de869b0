// The JSON API of targets and metrics: every enabled plugin's targets with progress at a date,
// one metric's value for a scope, the metric catalogue, and a rollup on demand (bureau admin):
// queued on the rollup job when this process has job queues (202, poll GET /rollups/{day}),
// else run inline in the request (200).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { localDay } from '../clock/clock.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { metricCatalog, resolveMetric } from '../metrics/catalog.ts';
import { computeMetric } from '../metrics/compute-metric.ts';
import { MetricNameError } from '../metrics/metric-name.ts';
import { tenantPlugins } from '../policy-engine/tenant-plugins.ts';
import { scopeTypes } from './schema.ts';
import { rollupInTransaction } from './rollup-tenant.ts';
import { tenantTargetProgress } from './target-progress.ts';

const READERS = ['bureau_admin', 'evaluator', 'department_officer', 'school_admin', 'teacher'] as const;
const at = z.iso.date().optional();

const targetsRoute = createRoute({
  method: 'get',
  path: '/targets',
  tags: ['targets'],
  middleware: [requireUser('api', READERS)] as const,
  request: { query: z.object({ at }) },
  responses: { 200: { description: 'every enabled plugin’s targets with value, expected, ratio and red/amber/green status at `at` (default today)' } },
});

const catalogueRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['targets'],
  middleware: [requireUser('api', READERS)] as const,
  responses: { 200: { description: 'every metric this installation computes, with its definition' } },
});

const metricRoute = createRoute({
  method: 'get',
  path: '/metrics/{name}',
  tags: ['targets'],
  middleware: [requireUser('api', READERS)] as const,
  request: {
    params: z.object({ name: z.string().openapi({ param: { name: 'name', in: 'path' }, example: 'agreements.active{mode=order_class}' }) }),
    query: z.object({ at, scope: z.enum(scopeTypes).default('tenant'), scopeId: z.uuid().optional() }),
  },
  responses: {
    200: { description: 'the metric’s value for the scope, computed from the records as of `at`' },
    404: { description: 'no such school, cluster or chain in this tenant' },
    422: { description: 'an unknown metric, bad arguments, or a scope the metric is not defined for' },
  },
});

const rollupRoute = createRoute({
  method: 'post',
  path: '/rollups',
  tags: ['targets'],
  middleware: [requireUser('api', ['bureau_admin'])] as const,
  request: { body: { required: false, content: { 'application/json': { schema: z.object({ day: z.iso.date().optional() }) } } } },
  responses: {
    200: { description: 'rolled up now (no job queue in this process): the day’s snapshots of every metric and target, written' },
    202: { description: 'queued for the rollup job (one per tenant and day); poll GET /rollups/{day} (Location) until computedAt is after the request' },
  },
});

const rollupStatusRoute = createRoute({
  method: 'get',
  path: '/rollups/{day}',
  tags: ['targets'],
  middleware: [requireUser('api', READERS)] as const,
  request: { params: z.object({ day: z.iso.date().openapi({ param: { name: 'day', in: 'path' }, example: '2026-03-01' }) }) },
  responses: { 200: { description: 'the snapshots stored for the day: rows of metrics and targets, and when they were last computed (null: none yet)' } },
});

export function targetRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'policy' | 'jobs'>) {
  const today = (timezone: string) => localDay(deps.clock.now(), timezone);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) })
    .openapi(targetsRoute, async (c) => {
      const tenant = c.get('tenant');
      const day = c.req.valid('query').at ?? today(tenant.timezone);
      const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
      const progress = await tenantTargetProgress(c.get('tx'), plugins, day, { tenant });
      const lang = c.get('lang');
      return c.json({ at: day, items: progress.map((p) => ({ ...p, title: p.title[lang] })) }, 200);
    })
    .openapi(catalogueRoute, (c) => c.json({ items: metricCatalog }, 200))
    .openapi(metricRoute, async (c) => {
      const tenant = c.get('tenant');
      const lang = c.get('lang');
      const name = c.req.valid('param').name;
      const q = c.req.valid('query');
      try {
        resolveMetric(name);
      } catch (error) {
        if (!(error instanceof MetricNameError)) throw error;
        throw invalid([{ path: 'name', code: 'custom', message: deps.t(lang, 'metrics.badName', { problem: error.problem }) }]);
      }
      const metric = resolveMetric(name);
      const scopeLabel = deps.t(lang, `metrics.scope.${q.scope}`);
      if (!metric.scopes.includes(q.scope)) throw invalid([{ path: 'scope', code: 'custom', message: deps.t(lang, 'metrics.scopeNotDefined', { scope: scopeLabel }) }]);
      if (q.scope !== 'tenant' && !q.scopeId) throw invalid([{ path: 'scopeId', code: 'custom', message: deps.t(lang, 'metrics.scopeIdRequired', { scope: scopeLabel }) }]);
      const day = q.at ?? today(tenant.timezone);
      const scope = { type: q.scope, id: q.scope === 'tenant' ? tenant.id : q.scopeId! };
      const value = await computeMetric(c.get('tx'), name, { at: day, scope, tenant });
      if (value === null) throw notFound();
      return c.json({ metric: name, at: day, scope, value }, 200);
    })
    .openapi(rollupRoute, async (c) => {
      const tenant = c.get('tenant');
      const body = (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : undefined) ?? {};
      const day = body.day ?? today(tenant.timezone);
      if (deps.jobs?.enqueueRollup) {
        await deps.jobs.enqueueRollup(tenant.id, day);
        const poll = `/api/v1/t/${tenant.slug}/rollups/${day}`;
        c.header('Location', poll);
        return c.json({ status: 'queued' as const, day, poll, requestedAt: deps.clock.now().toISOString() }, 202);
      }
      const { plugins } = tenantPlugins(tenant.plugins, deps.policy.registry);
      return c.json(await rollupInTransaction(c.get('tx'), tenant.id, day, plugins), 200);
    })
    .openapi(rollupStatusRoute, async (c) => {
      const { day } = c.req.valid('param');
      const tx = c.get('tx');
      const metrics = await tx
        .selectFrom('metric_snapshots')
        .select((eb) => [eb.fn.countAll<string>().as('rows'), eb.fn.max('computed_at').as('at')])
        .where('day', '=', day)
        .executeTakeFirstOrThrow();
      const targets = await tx.selectFrom('target_snapshots').select((eb) => eb.fn.countAll<string>().as('rows')).where('day', '=', day).executeTakeFirstOrThrow();
      const at = metrics.at as Date | string | null;
      return c.json({ day, metricRows: Number(metrics.rows), targetRows: Number(targets.rows), computedAt: at === null ? null : new Date(at).toISOString() }, 200);
    });
}
