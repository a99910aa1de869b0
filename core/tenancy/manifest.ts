// A tenant manifest: how a region is onboarded as code (tenants/*.ts), validated by zod.
import { z } from 'zod';
import { tenantKinds } from './schema.ts';

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { params: { key: 'tenant.timezone' }, message: 'must be an IANA time zone such as Asia/Shanghai' },
);

export const tenantManifestSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes')
    .refine((s) => s !== 'platform', 'the slug "platform" is reserved'),
  name: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  kind: z.enum(tenantKinds),
  timezone: timezone.default('Asia/Shanghai'),
  plugins: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        config: z.record(z.string(), z.unknown()).default({}),
        // Config of the baselines this plugin extends, by baseline id (only the extending plugin is enabled).
        baselineConfig: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      }),
    )
    .default([]),
});

export type TenantManifest = z.output<typeof tenantManifestSchema>;

/** Validates a manifest where it is written, so a bad one fails at load with its path. */
export function defineTenant(manifest: z.input<typeof tenantManifestSchema>): TenantManifest {
  const parsed = tenantManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`tenant manifest ${String(manifest.slug)} is invalid: ${problems}`);
  }
  return parsed.data;
}
