// GET /students/{id}/unmasked: the full 身份证号 and phone number of one student, for those who
// may unmask them (student-access.ts) and only after a fresh sign-in; every read is audited.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import { forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { requireFreshAuth } from '../privacy/fresh-auth.ts';
import { auditSensitiveRead } from '../privacy/sensitive-read.ts';
import { mayUnmask, studentReadScope } from './student-access.ts';
import { studentIdNumber } from './student-pii.ts';
import { findRow } from '../crud/resource-service.ts';
import type { ResourceDef } from '../crud/resource.ts';

const FIELDS = ['idNumber', 'phone'] as const;
const errorResponse = { description: 'error: code, message', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };

export function unmaskRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'config'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  const lookup = { table: 'students', access: { read: studentReadScope } } as unknown as ResourceDef;
  app.use('/students/:id/unmasked', requireUser('api'));
  app.openapi(
    createRoute({
      method: 'get',
      path: '/students/{id}/unmasked',
      tags: ['students'],
      request: {
        params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }),
        query: z.object({ fields: z.string().regex(/^(idNumber|phone)(,(idNumber|phone))?$/).default('idNumber,phone') }),
      },
      responses: {
        200: { description: 'the unmasked fields asked for', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        403: errorResponse,
        404: errorResponse,
      },
    }),
    async (c) => {
      const tx = c.get('tx');
      const auth = c.get('auth')!;
      const ctx = { tx, tenantId: c.get('tenant').id, user: auth.user, lang: c.get('lang') };
      const row = await findRow(lookup, ctx, c.req.valid('param').id, studentReadScope(auth.user));
      if (!row) throw notFound();
      if (!mayUnmask(auth.user, row.school_id)) throw forbidden('privacy.unmaskForbidden');
      await requireFreshAuth(tx, auth.id, deps.clock.now());
      const fields = [...new Set(c.req.valid('query').fields.split(','))].filter((f): f is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(f));
      await auditSensitiveRead(tx, { tenantId: ctx.tenantId, actorUserId: auth.user.id, entity: 'student', entityId: row.id, fields, requestId: c.get('requestId') });
      const out: Record<string, unknown> = { id: row.id };
      if (fields.includes('idNumber')) out.idNumber = studentIdNumber(deps.config.pii, row);
      if (fields.includes('phone')) out.phone = row.phone ?? null;
      return c.json(out, 200);
    },
  );
  return app;
}
