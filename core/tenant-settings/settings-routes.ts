// The tenant's plugin settings as JSON: every enabled plugin's config per layer (manifest, saved,
// effective, JSON Schema of the fields), saving one layer and resetting it to the manifest.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../crud/validation-hook.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { Lang } from '../i18n/lang.ts';
import { listPluginSettings, resetPluginSettings, savePluginSettings, type LayerSettings } from './plugin-settings.ts';

const READERS = ['bureau_admin', 'evaluator'] as const;
const WRITERS = ['bureau_admin'] as const;

const params = z.object({
  pluginId: z.string().max(100).openapi({ param: { name: 'pluginId', in: 'path' } }),
  layerId: z.string().max(100).openapi({ param: { name: 'layerId', in: 'path' } }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/plugin-settings',
  tags: ['settings'],
  middleware: [requireUser('api', READERS)] as const,
  responses: { 200: { description: 'each enabled plugin layer with its manifest, saved and effective config' } },
});

const saveRoute = createRoute({
  method: 'put',
  path: '/plugin-settings/{pluginId}/{layerId}',
  tags: ['settings'],
  middleware: [requireUser('api', WRITERS)] as const,
  request: {
    params,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ config: z.record(z.string(), z.unknown()), version: z.number().int().min(0).optional() }) } },
    },
  },
  responses: {
    200: { description: 'saved; the next evaluation uses it' },
    404: { description: 'no such layer among the enabled plugins' },
    409: { description: 'saved by someone else since `version`' },
    422: { description: 'a field fails the plugin’s config schema (issues per field)' },
  },
});

const resetRoute = createRoute({
  method: 'delete',
  path: '/plugin-settings/{pluginId}/{layerId}',
  tags: ['settings'],
  middleware: [requireUser('api', WRITERS)] as const,
  request: { params, query: z.object({ version: z.coerce.number().int().min(0).optional() }) },
  responses: { 200: { description: 'the saved values are gone; the manifest applies again' }, 404: { description: 'no such layer' } },
});

export const layerJson = (l: LayerSettings, lang: Lang) => ({
  pluginId: l.pluginId,
  layerId: l.layerId,
  title: l.title[lang],
  schema: z.toJSONSchema(l.schema, { io: 'input', unrepresentable: 'any' }),
  manifest: l.manifest,
  saved: l.saved,
  effective: l.effective,
  version: l.version,
  updatedAt: l.updatedAt?.toISOString() ?? null,
});

export function settingsRoutes(deps: Pick<AppDeps, 't' | 'policy'>) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) })
    .openapi(listRoute, async (c) => {
      const items = await listPluginSettings(c.get('tx'), c.get('tenant'), deps.policy.registry);
      return c.json({ items: items.map((l) => layerJson(l, c.get('lang'))) }, 200);
    })
    .openapi(saveRoute, async (c) => {
      const { pluginId, layerId } = c.req.valid('param');
      const body = c.req.valid('json');
      const saved = await savePluginSettings(c.get('tx'), {
        tenant: c.get('tenant'),
        registry: deps.policy.registry,
        pluginId,
        layerId,
        config: body.config,
        version: body.version,
        actorUserId: c.get('auth')!.user.id,
        requestId: c.get('requestId'),
        lang: c.get('lang'),
        t: deps.t,
      });
      return c.json(layerJson(saved, c.get('lang')), 200);
    })
    .openapi(resetRoute, async (c) => {
      const { pluginId, layerId } = c.req.valid('param');
      const after = await resetPluginSettings(c.get('tx'), {
        tenant: c.get('tenant'),
        registry: deps.policy.registry,
        pluginId,
        layerId,
        version: c.req.valid('query').version,
        actorUserId: c.get('auth')!.user.id,
        requestId: c.get('requestId'),
      });
      return c.json(layerJson(after, c.get('lang')), 200);
    });
}
