// A tenant's delivery settings, for its bureau admin: GET/PUT /delivery-settings (e-mail on or
// off, up to 10 group-robot or JSON webhooks). The inbox needs no setting: it always receives.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { validationHook } from '../crud/validation-hook.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { webhookKinds, type WebhookSetting } from '../reminders/schema.ts';

const settingsInput = z.object({
  emailEnabled: z.boolean(),
  webhooks: z
    .array(
      z.object({
        kind: z.enum(webhookKinds),
        url: z.url({ protocol: /^https?$/ }).max(2000),
        /** DingTalk 加签 secret (SEC…); stored, never shown again. */
        secret: z.string().min(1).max(200).optional(),
      }),
    )
    .max(10)
    .refine((hooks) => new Set(hooks.map((h) => h.url)).size === hooks.length, { params: { key: 'delivery.duplicateWebhook' } }),
});
const json = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

/** Secrets are never sent back: only whether one is set. */
const view = (s: { email_enabled: boolean; webhooks: WebhookSetting[] } | undefined) => ({
  emailEnabled: s?.email_enabled ?? false,
  webhooks: (s?.webhooks ?? []).map((h) => ({ kind: h.kind, url: h.url, signed: Boolean(h.secret) })),
});

export function deliverySettingsRoutes(deps: Pick<AppDeps, 't' | 'config'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });

  app.openapi(
    createRoute({ method: 'get', path: '/delivery-settings', tags: ['reminders'], middleware: [requireUser('api', ['bureau_admin'])] as const, responses: { 200: json('where reminders go'), 403: json('bureau admins only') } }),
    async (c) => {
      const row = await c.get('tx').selectFrom('delivery_settings').select(['email_enabled', 'webhooks']).executeTakeFirst();
      return c.json({ ...view(row), emailConfigured: Boolean(deps.config.SMTP_HOST) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/delivery-settings',
      tags: ['reminders'],
      middleware: [requireUser('api', ['bureau_admin'])] as const,
      request: { body: { content: { 'application/json': { schema: settingsInput } }, required: true } },
      responses: { 200: json('saved'), 403: json('bureau admins only'), 422: json('invalid') },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const tx = c.get('tx');
      const tenant = c.get('tenant');
      const before = await tx.selectFrom('delivery_settings').select(['email_enabled', 'webhooks']).executeTakeFirst();
      // A webhook saved again without its secret keeps the one it had.
      const webhooks: WebhookSetting[] = input.webhooks.map((h) => ({ ...h, secret: h.secret ?? before?.webhooks.find((b) => b.url === h.url)?.secret }));
      const row = await tx
        .insertInto('delivery_settings')
        .values({ tenant_id: tenant.id, email_enabled: input.emailEnabled, webhooks: JSON.stringify(webhooks) })
        .onConflict((oc) => oc.constraint('delivery_settings_tenant_key').doUpdateSet({ email_enabled: input.emailEnabled, webhooks: JSON.stringify(webhooks), updated_at: sql<Date>`now()` }))
        .returning(['email_enabled', 'webhooks'])
        .executeTakeFirstOrThrow();
      await recordAudit(tx, { tenantId: tenant.id, actorUserId: c.get('auth')!.user.id, action: 'update', entity: 'delivery_settings', changes: diffFields(view(before), view(row)), requestId: c.get('requestId') });
      return c.json({ ...view(row), emailConfigured: Boolean(deps.config.SMTP_HOST) }, 200);
    },
  );
  return app;
}
