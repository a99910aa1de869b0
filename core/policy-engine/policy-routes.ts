// The policy API of a tenant: run an evaluation now, read findings with their explanations,
// recent runs and plugin errors, and the enabled plugins with their tasks, targets and reminders.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { localDay } from '../clock/clock.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden, invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { localiseIssues } from '../http/validate.ts';
import { severities, subjectTypes } from '../policy/finding.ts';
import type { SessionUser } from '../sessions/session-service.ts';
import { describeFinding } from './describe-finding.ts';
import { evaluateEnabled } from './evaluate-enabled.ts';
import { countFindings, findFinding, listFindings } from './findings-query.ts';
import { tenantPlugins } from './tenant-plugins.ts';

const READERS = ['bureau_admin', 'evaluator', 'department_officer', 'school_admin', 'teacher'] as const;
const EVALUATORS = ['bureau_admin', 'school_admin'] as const;

/** School roles read their own school's findings; the bureau's roles read all. */
function schoolScope(user: SessionUser): string | undefined {
  if (user.role !== 'school_admin' && user.role !== 'teacher') return undefined;
  if (!user.organizationId) throw forbidden();
  return user.organizationId;
}

const evaluateRoute = createRoute({
  method: 'post',
  path: '/evaluations',
  tags: ['policy'],
  middleware: [requireUser('api', EVALUATORS)] as const,
  request: {
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            at: z.iso.date().optional(),
            /** One school only; a school admin's evaluation is always their own school's. */
            schoolId: z.uuid().optional(),
          }),
        },
      },
    },
  },
  responses: { 200: { description: 'the evaluation ran and its findings are stored' }, 404: { description: 'no such school in this tenant' } },
});

const runsRoute = createRoute({
  method: 'get',
  path: '/evaluations',
  tags: ['policy'],
  middleware: [requireUser('api', READERS)] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: { 200: { description: 'recent evaluation runs, newest first' } },
});

const findingsRoute = createRoute({
  method: 'get',
  path: '/findings',
  tags: ['policy'],
  middleware: [requireUser('api', READERS)] as const,
  request: {
    query: z.object({
      status: z.enum(['open', 'resolved', 'all']).default('open'),
      severity: z.enum(severities).optional(),
      pluginId: z.string().max(100).optional(),
      ruleId: z.string().max(200).optional(),
      subjectType: z.enum(subjectTypes).optional(),
      subjectId: z.string().max(100).optional(),
      schoolId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
  },
  responses: { 200: { description: 'findings, most severe first, with counts by severity' } },
});

const findingRoute = createRoute({
  method: 'get',
  path: '/findings/{id}',
  tags: ['policy'],
  middleware: [requireUser('api', READERS)] as const,
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: { description: 'one finding with its explanation' }, 404: { description: 'no such finding visible to the caller' } },
});

const errorsRoute = createRoute({
  method: 'get',
  path: '/plugin-errors',
  tags: ['policy'],
  middleware: [requireUser('api', ['bureau_admin'])] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: { description: 'plugin errors, newest first' } },
});

const pluginsRoute = createRoute({
  method: 'get',
  path: '/plugins',
  tags: ['policy'],
  middleware: [requireUser('api')] as const,
  responses: { 200: { description: 'the plugins this tenant enabled, with their rules, targets, tasks and reminders' } },
});

const calculateRoute = createRoute({
  method: 'post',
  path: '/plugins/{pluginId}/calculators/{calculatorId}',
  tags: ['policy'],
  middleware: [requireUser('api', ['bureau_admin', 'school_admin', 'department_officer', 'evaluator'])] as const,
  request: {
    params: z.object({
      pluginId: z.string().openapi({ param: { name: 'pluginId', in: 'path' } }),
      calculatorId: z.string().openapi({ param: { name: 'calculatorId', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: z.object({ at: z.iso.date().optional(), input: z.unknown() }) } } },
  },
  responses: {
    200: { description: 'the result, with the parameter values and clause it used' },
    404: { description: 'no such calculator in the plugins this tenant enabled' },
  },
});

const UUID = z.uuid();

export function policyRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'policy'>) {
  const { policy } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) })
    .openapi(evaluateRoute, async (c) => {
      const tenant = c.get('tenant');
      const body = (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : undefined) ?? {};
      const at = body.at ?? localDay(deps.clock.now(), tenant.timezone);
      const schoolId = schoolScope(c.get('auth')!.user) ?? body.schoolId;
      if (schoolId !== undefined) {
        const school = await c.get('tx').selectFrom('organizations').select('id').where('id', '=', schoolId).where('kind', '=', 'school').executeTakeFirst();
        if (!school) throw notFound();
      }
      const run = await evaluateEnabled(c.get('tx'), tenant, policy, at, 'api', schoolId === undefined ? {} : { schoolId });
      return c.json(run, 200);
    })
    .openapi(runsRoute, async (c) => {
      const rows = await c.get('tx').selectFrom('evaluation_runs').selectAll().orderBy('finished_at', 'desc').orderBy('id').limit(c.req.valid('query').limit).execute();
      return c.json({ items: rows }, 200);
    })
    .openapi(findingsRoute, async (c) => {
      const q = c.req.valid('query');
      const user = c.get('auth')!.user;
      const filter = { ...q, schoolId: schoolScope(user) ?? q.schoolId };
      const tx = c.get('tx');
      const [rows, counts] = await Promise.all([listFindings(tx, filter, q), countFindings(tx, filter)]);
      const lang = c.get('lang');
      return c.json({ items: rows.map((r) => describeFinding(r, policy.registry, lang)), counts, total: counts.violation + counts.warning + counts.info }, 200);
    })
    .openapi(findingRoute, async (c) => {
      const id = c.req.valid('param').id;
      if (!UUID.safeParse(id).success) throw notFound();
      const row = await findFinding(c.get('tx'), id, schoolScope(c.get('auth')!.user));
      if (!row) throw notFound();
      return c.json(describeFinding(row, policy.registry, c.get('lang')), 200);
    })
    .openapi(errorsRoute, async (c) => {
      const rows = await c.get('tx').selectFrom('plugin_errors').selectAll().orderBy('recorded_at', 'desc').orderBy('id').limit(c.req.valid('query').limit).execute();
      return c.json({ items: rows }, 200);
    })
    .openapi(pluginsRoute, (c) => {
      const lang = c.get('lang');
      const set = tenantPlugins(c.get('tenant').plugins, policy.registry);
      const items = set.plugins.map((p) => ({
        id: p.id,
        version: p.version,
        title: p.title[lang],
        source: p.source,
        config: set.configs[p.id] ?? {},
        rules: p.rules.map((r) => ({ id: r.id, title: r.title[lang], clause: r.clause })),
        targets: p.targets.map((t) => ({ ...t, title: t.title[lang] })),
        tasks: p.tasks.map((t) => ({ ...t, title: t.title[lang] })),
        reminders: p.reminders.map((r) => ({ ...r, title: r.title[lang] })),
        calculators: p.calculators.map((k) => ({ id: k.id, title: k.title[lang], clause: k.clause, input: z.toJSONSchema(k.input) })),
      }));
      return c.json({ items, missing: set.missing.map((m) => m.pluginId) }, 200);
    })
    .openapi(calculateRoute, (c) => {
      const { pluginId, calculatorId } = c.req.valid('param');
      const tenant = c.get('tenant');
      const plugin = tenantPlugins(tenant.plugins, policy.registry).plugins.find((p) => p.id === pluginId);
      const calculator = plugin?.calculators.find((k) => k.id === calculatorId);
      if (!calculator) throw notFound();
      const body = c.req.valid('json');
      const parsed = calculator.input.safeParse(body.input);
      if (!parsed.success) {
        throw invalid(localiseIssues(parsed.error.issues.map((i) => ({ ...i, path: ['input', ...i.path] })), c.get('lang'), deps.t));
      }
      const at = body.at ?? localDay(deps.clock.now(), tenant.timezone);
      return c.json({ pluginId, calculatorId, at, clause: calculator.clause, result: calculator.compute(parsed.data, at) }, 200);
    });
}
