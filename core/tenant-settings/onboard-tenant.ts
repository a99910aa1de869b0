// Onboards a region from the platform scope: a manifest (the same zod schema as tenants/*.ts,
// from a form or pasted JSON) becomes a tenants row, and its first bureau admin an account with a
// one-time password shown once to the operator. All in the operator's request transaction: the
// new tenant's rows are written with app.tenant_id switched to it and back (PGlite has one
// connection), and the change is audited in both tenants.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import { invalid, type FieldIssue } from '../errors/app-error.ts';
import type { Lang, Translator } from '../i18n/lang.ts';
import { localiseIssues } from '../http/validate.ts';
import { manifestLayerConfigs, type PluginRegistry } from '../policy-engine/tenant-plugins.ts';
import { tenantManifestSchema, type TenantManifest } from '../tenancy/manifest.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { hashPassword } from '../users/password.ts';
import { normaliseEmail } from '../users/queries.ts';

export const onboardingSchema = z.object({
  manifest: tenantManifestSchema,
  admin: z.object({ email: z.email().max(254), displayName: z.string().trim().min(1).max(100) }),
});
export type OnboardingInput = z.input<typeof onboardingSchema>;

export interface OnboardResult {
  tenant: Tenant;
  admin: { id: string; email: string; displayName: string; temporaryPassword: string };
}

export interface OnboardOptions {
  registry: PluginRegistry;
  /** The platform scope the request runs in: app.tenant_id returns to it. */
  platformTenantId: string;
  actorUserId: string;
  requestId?: string | null;
  lang: Lang;
  t: Translator;
}

/** Problems a schema alone cannot see: plugins this installation lacks, configs their schemas refuse. */
function pluginIssues(manifest: TenantManifest, registry: PluginRegistry, lang: Lang, t: Translator): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  manifest.plugins.forEach((entry, i) => {
    const plugin = registry.get(entry.id);
    if (!plugin) {
      issues.push({ path: `manifest.plugins.${i}.id`, code: 'custom', message: t(lang, 'onboard.pluginUnknown', { id: entry.id }) });
      return;
    }
    if (seen.has(entry.id)) issues.push({ path: `manifest.plugins.${i}.id`, code: 'custom', message: t(lang, 'onboard.pluginTwice', { id: entry.id }) });
    seen.add(entry.id);
    const layers = manifestLayerConfigs(entry, plugin);
    for (const layer of plugin.layers) {
      const parsed = layer.config.safeParse(layers[layer.id]);
      if (parsed.success) continue;
      const where = layer.id === plugin.id ? ['manifest', 'plugins', i, 'config'] : ['manifest', 'plugins', i, 'baselineConfig', layer.id];
      issues.push(...localiseIssues(parsed.error.issues.map((x) => ({ ...x, path: [...where, ...x.path] })), lang, t));
    }
  });
  return issues;
}

/** The slug's pattern said in words: zod's own message would quote the regular expression. */
const readable = (issue: FieldIssue, o: Pick<OnboardOptions, 'lang' | 't'>): FieldIssue =>
  issue.path === 'manifest.slug' && issue.code === 'invalid_format' ? { ...issue, message: o.t(o.lang, 'onboard.slugFormat') } : issue;

/** A password of 20 URL-safe characters (≈120 bits), passing the password policy's classes. */
function temporaryPassword(): string {
  for (;;) {
    const p = randomBytes(15).toString('base64url');
    if (/[a-z]/.test(p) && /[A-Z]/.test(p) && /[0-9]/.test(p)) return p;
  }
}

export async function onboardTenant(tx: Tx, input: unknown, o: OnboardOptions): Promise<OnboardResult> {
  const parsed = onboardingSchema.safeParse(input);
  const issues = parsed.success ? pluginIssues(parsed.data.manifest, o.registry, o.lang, o.t) : localiseIssues(parsed.error.issues, o.lang, o.t).map((i) => readable(i, o));
  if (!parsed.success || issues.length > 0) throw invalid(issues);
  const { manifest, admin } = parsed.data;

  const tenant = await tx
    .insertInto('tenants')
    .values({ slug: manifest.slug, name_zh: manifest.name['zh-CN'], name_en: manifest.name.en, kind: manifest.kind, timezone: manifest.timezone, plugins: JSON.stringify(manifest.plugins) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!tenant) throw invalid([{ path: 'manifest.slug', code: 'custom', message: o.t(o.lang, 'onboard.slugTaken', { slug: manifest.slug }) }]);

  const password = temporaryPassword();
  const email = normaliseEmail(admin.email);
  await sql`select set_config('app.tenant_id', ${tenant.id}, true)`.execute(tx);
  let adminId: string;
  try {
    // The first admin also holds security_admin (三员分立 allows it as an extra role): someone in a
    // new region has to be able to create its other users; they can hand it on later.
    const user = await tx
      .insertInto('users')
      .values({ tenant_id: tenant.id, email, display_name: admin.displayName, role: 'bureau_admin', extra_roles: ['security_admin'], organization_id: null, password_hash: await hashPassword(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    adminId = user.id;
    await recordAudit(tx, {
      tenantId: tenant.id,
      actorUserId: null,
      action: 'tenant.onboard',
      entity: 'tenant',
      entityId: tenant.id,
      changes: { slug: { before: null, after: tenant.slug }, firstAdmin: { before: null, after: email }, operator: { before: null, after: o.actorUserId } },
      requestId: o.requestId ?? null,
    });
  } finally {
    await sql`select set_config('app.tenant_id', ${o.platformTenantId}, true)`.execute(tx);
  }
  await recordAudit(tx, {
    tenantId: o.platformTenantId,
    actorUserId: o.actorUserId,
    action: 'tenant.onboard',
    entity: 'tenant',
    entityId: tenant.id,
    changes: { slug: { before: null, after: tenant.slug }, plugins: { before: null, after: manifest.plugins.map((p) => p.id) }, firstAdmin: { before: null, after: email } },
    requestId: o.requestId ?? null,
  });
  return { tenant, admin: { id: adminId, email, displayName: admin.displayName, temporaryPassword: password } };
}
