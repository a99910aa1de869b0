// npm run tenant:export -- --tenant <slug> --out <file.zip>
// npm run tenant:import -- --file <file.zip>
// npm run tenant:delete -- --tenant <slug> --confirm <slug> [--report <file.json>]
// Run as the schema owner (DATABASE_URL; or the embedded database). Deletion also removes the
// tenant's queued jobs when REDIS_URL is set, and prints (or writes) the deletion report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { migratePostgres, openPglite, openPostgres } from '../db/open-database.ts';
import { connectRedis, queuePrefix } from '../redis/redis-address.ts';
import { deleteTenant } from './delete-tenant.ts';
import { exportTenant } from './export-tenant.ts';
import { importTenant } from './import-tenant.ts';
import { ownerTransaction } from './owner-transaction.ts';
import { removeTenantJobs } from './remove-tenant-jobs.ts';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' }, confirm: { type: 'string' }, report: { type: 'string' } } });
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const config = loadConfigOrExit();
if (config.DATABASE_URL) await migratePostgres(config.DATABASE_URL);
const handle = config.DATABASE_URL
  ? openPostgres({ ...config, DATABASE_URL: config.DATABASE_URL, DATABASE_APP_URL: config.DATABASE_URL })
  : await openPglite(join(config.DATA_DIR, 'pglite'));
const asOwner = ownerTransaction(handle.db);
try {
  const tenantBySlug = async () => {
    const slug = values.tenant ?? fail('--tenant <slug> is required');
    return (await handle.db.selectFrom('tenants').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirst()) ?? fail(`no tenant "${slug}"`);
  };
  if (command === 'export') {
    const tenant = await tenantBySlug();
    const out = values.out ?? `${tenant.slug}-export.zip`;
    const { zip, manifest } = await exportTenant(asOwner, tenant.id, new Date());
    writeFileSync(out, zip);
    process.stdout.write(`${out}: ${Object.entries(manifest.tables).map(([t, e]) => `${t} ${e.rows}`).join(', ')}\n`);
  } else if (command === 'import') {
    const manifest = await importTenant(asOwner, readFileSync(values.file ?? fail('--file <export.zip> is required')));
    process.stdout.write(`imported tenant ${manifest.tenant.slug}: ${Object.values(manifest.tables).reduce((a, e) => a + e.rows, 0)} rows\n`);
  } else if (command === 'delete') {
    const tenant = await tenantBySlug();
    if (values.confirm !== tenant.slug) fail(`deleting "${tenant.slug}" removes all of its data for good: repeat the slug with --confirm ${tenant.slug}`);
    const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL) : undefined;
    try {
      const report = await deleteTenant(asOwner, tenant.id, new Date(), redis ? (id) => removeTenantJobs(redis, queuePrefix(config.REDIS_PREFIX, redis), id) : undefined);
      const text = JSON.stringify(report, null, 2);
      if (values.report) writeFileSync(values.report, text);
      process.stdout.write(`${text}\n`);
    } finally {
      await redis?.quit();
    }
  } else {
    fail('usage: tenant-lifecycle export|import|delete (see the header of core/tenant-lifecycle/lifecycle-cli.ts)');
  }
} finally {
  await handle.close();
}
