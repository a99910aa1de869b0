// The real app for the browser tests: a fresh database (PGlite, or a new PostgreSQL database
// when TEST_DATABASE_URL is set), the region manifests, the demo data set and users, the
// in-thread plugin runner, served by @hono/node-server on a free loopback port.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { localDay, systemClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { seedDemo } from '../../core/demo/seed-demo.ts';
import { createLogger } from '../../core/log/logger.ts';
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { tenantPlugins } from '../../core/policy-engine/tenant-plugins.ts';
import { deliverReminders } from '../../core/reminders/deliver-reminders.ts';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { syncTenants } from '../../core/tenancy/sync-tenants.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { tenantManifests } from '../../tenants/index.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { TEST_PII_ENV } from '../support/test-pii.ts';

export interface E2eServer {
  url: string;
  /** The name of the school the demo school admin of a region belongs to (imports name schools). */
  schoolOf(slug: string): Promise<string>;
  /** What the remind and deliver jobs would do now (the browser suite runs without Redis): the inbox fills. */
  deliverReminders(slug: string): Promise<number>;
  close(): Promise<void>;
}

/** Only the regions named get the demo data set: seeding all six takes minutes on a loaded machine. */
export async function startE2eServer(slugs: readonly string[] = ['xpcc-12']): Promise<E2eServer> {
  const database = await createTestDatabase();
  const db = database.handle.db;
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000', DEMO: '1', LOG_LEVEL: 'silent', ...TEST_PII_ENV });
  await syncTenants(db, tenantManifests);
  const tenants = tenantDirectory(db);
  await seedDemo(db, (await tenants.all()).filter((t) => slugs.includes(t.slug)), config.pii);
  const app = createApp({
    config,
    db,
    log: createLogger('silent'),
    clock: systemClock,
    t: translate,
    tenants,
    policy: { registry: policyPlugins, runner: inThreadRunner },
    readiness: [],
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async schoolOf(slug) {
      const tenant = (await tenants.bySlug(slug))!;
      return withTenant(db, tenant.id, async (tx) => {
        const row = await tx
          .selectFrom('users')
          .innerJoin('organizations as o', (j) => j.onRef('o.tenant_id', '=', 'users.tenant_id').onRef('o.id', '=', 'users.organization_id'))
          .select('o.name')
          .where('users.email', '=', `school@${slug}.demo`)
          .executeTakeFirstOrThrow();
        return row.name;
      });
    },
    async deliverReminders(slug) {
      const tenant = (await tenants.bySlug(slug))!;
      const { plugins } = tenantPlugins(tenant.plugins, policyPlugins);
      const { created } = await withTenant(db, tenant.id, (tx) => planReminders(tx, tenant.id, plugins, localDay(new Date(), tenant.timezone)));
      const channels = { email: null, webhook: async () => undefined };
      await deliverReminders(db, tenant.id, created, { channels, maxAttempts: 5, leaseMs: 60_000, publicUrl: config.PUBLIC_URL, tenantSlug: slug });
      return created.length;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}
