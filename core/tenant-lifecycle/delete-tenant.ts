// Deletes a tenant entirely (等保 云扩展: the customer's data removed from every copy we hold):
// every row of every tenant-scoped table (from the catalog, dependants first), its audit log
// through the one owner-only exception of the append-only guard, its queued jobs, and the tenant
// row; returns a report of what was removed.
import { sql } from 'kysely';
import { tenantTables } from './catalog.ts';
import { scopeTo, type OwnerTransaction } from './owner-transaction.ts';

export interface DeletionReport {
  tenant: { id: string; slug: string };
  deletedAt: string;
  rows: Record<string, number>;
  totalRows: number;
  /** Attachments are files kept in the database: their count and bytes. */
  files: { count: number; bytes: number };
  queuedJobs: number;
}

export async function deleteTenant(
  asOwner: OwnerTransaction,
  tenantId: string,
  now: Date,
  removeQueuedJobs: (tenantId: string) => Promise<number> = async () => 0,
): Promise<DeletionReport> {
  const report = await asOwner(async (tx) => {
    await scopeTo(tx, tenantId);
    await sql`select set_config('app.erasing_tenant', ${tenantId}, true)`.execute(tx);
    const tenant = await tx.selectFrom('tenants').select(['id', 'slug']).where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) throw new Error(`no tenant ${tenantId}`);
    const files = (await sql<{ n: string; bytes: string | null }>`select count(*) as n, sum(size_bytes) as bytes from attachments where tenant_id = ${tenantId}`.execute(tx)).rows[0]!;
    const rows: Record<string, number> = {};
    for (const table of (await tenantTables(tx)).reverse()) {
      const result = await sql`delete from ${sql.id(table.name)} where tenant_id = ${tenantId}`.execute(tx);
      rows[table.name] = Number(result.numAffectedRows ?? 0);
    }
    await tx.deleteFrom('tenants').where('id', '=', tenantId).execute();
    return {
      tenant,
      deletedAt: now.toISOString(),
      rows,
      totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
      files: { count: Number(files.n), bytes: Number(files.bytes ?? 0) },
      queuedJobs: 0,
    };
  });
  // After the commit: a job that runs meanwhile finds no tenant and does nothing.
  report.queuedJobs = await removeQueuedJobs(tenantId);
  return report;
}
