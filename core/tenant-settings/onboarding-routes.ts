// POST /tenants in the platform scope: a platform operator onboards a region from a manifest and
// gets its first bureau admin's one-time password back, once.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import { notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { onboardTenant } from './onboard-tenant.ts';

const onboardRoute = createRoute({
  method: 'post',
  path: '/tenants',
  tags: ['platform'],
  middleware: [requireUser('api', ['platform_operator'])] as const,
  request: {
    body: {
      required: true,
      // Checked by onboardTenant, which also checks the plugins against this installation.
      content: { 'application/json': { schema: z.object({ manifest: z.unknown(), admin: z.unknown() }) } },
    },
  },
  responses: {
    201: { description: 'the tenant and its first bureau admin (with a one-time password) exist' },
    404: { description: 'not the platform scope' },
    422: { description: 'a manifest or admin field is invalid (issues per field), or the slug is taken' },
  },
});

export function onboardingRoutes(deps: Pick<AppDeps, 't' | 'policy'>) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) }).openapi(onboardRoute, async (c) => {
    const scope = c.get('tenant');
    if (scope.kind !== 'platform') throw notFound();
    const result = await onboardTenant(c.get('tx'), c.req.valid('json'), {
      registry: deps.policy.registry,
      platformTenantId: scope.id,
      actorUserId: c.get('auth')!.user.id,
      requestId: c.get('requestId'),
      lang: c.get('lang'),
      t: deps.t,
    });
    const { tenant, admin } = result;
    return c.json(
      {
        tenant: { id: tenant.id, slug: tenant.slug, name: { 'zh-CN': tenant.name_zh, en: tenant.name_en }, kind: tenant.kind, timezone: tenant.timezone, plugins: tenant.plugins },
        admin,
        signIn: `/t/${tenant.slug}/login`,
      },
      201,
    );
  });
}
