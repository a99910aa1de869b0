// GET /privacy/minors-report?year=: the yearly minors' PI compliance report, for the bureau (and
// the audit administrator where that role exists) to file; reading it is itself audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recordAudit } from '../audit/record-audit.ts';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { minorsReport } from './minors-report.ts';

const READERS: readonly string[] = ['bureau_admin', 'audit_admin'];
const errorResponse = { description: 'error: code, message', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };

export function privacyRoutes(deps: Pick<AppDeps, 't' | 'clock'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/privacy/*', requireUser('api'));
  app.openapi(
    createRoute({
      method: 'get',
      path: '/privacy/minors-report',
      tags: ['privacy'],
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: { description: 'the report', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, 403: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const user = c.get('auth')!.user;
      if (!READERS.includes(user.role)) throw forbidden();
      const year = c.req.valid('query').year ?? deps.clock.now().getUTCFullYear() - 1;
      const tx = c.get('tx');
      const report = await minorsReport(tx, year);
      await recordAudit(tx, { tenantId: c.get('tenant').id, actorUserId: user.id, action: 'read', entity: 'minors_report', entityId: String(year), requestId: c.get('requestId') });
      return c.json({ tenant: c.get('tenant').slug, ...report }, 200);
    },
  );
  return app;
}
