// A tenant's full export: one CSV per tenant-scoped table (every column as PostgreSQL text, rows
// in primary-key order) plus tenants.csv, and manifest.json with each file's row count and
// SHA-256, zipped. The same tenant exported twice with no change gives identical hashes.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { tenantTables } from './catalog.ts';
import { toCsv } from './csv.ts';
import { scopeTo, type OwnerTransaction } from './owner-transaction.ts';
import { writeZip } from './zip-archive.ts';

export interface Manifest {
  format: 'chanjiao-tenant-export/1';
  tenant: { id: string; slug: string };
  exportedAt: string;
  tables: Record<string, { file: string; rows: number; sha256: string }>;
}

const ident = (name: string) => sql.id(name);

async function tableCsv(tx: Tx, table: string, columns: string[], orderBy: string[], where: ReturnType<typeof sql>) {
  const select = sql.join(columns.map((c) => sql`${ident(c)}::text as ${ident(c)}`));
  const order = sql.join(orderBy.map((c) => ident(c)));
  const { rows } = await sql<Record<string, string | null>>`select ${select} from ${ident(table)} ${where} order by ${order}`.execute(tx);
  return { csv: toCsv(columns, rows.map((r) => columns.map((c) => r[c] ?? null))), rows: rows.length };
}

export async function exportTenant(asOwner: OwnerTransaction, tenantId: string, now: Date): Promise<{ zip: Buffer; manifest: Manifest }> {
  return asOwner(async (tx) => {
    await scopeTo(tx, tenantId);
    const tenant = await tx.selectFrom('tenants').select(['id', 'slug']).where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) throw new Error(`no tenant ${tenantId}`);
    const files = new Map<string, Buffer>();
    const manifest: Manifest = { format: 'chanjiao-tenant-export/1', tenant, exportedAt: now.toISOString(), tables: {} };
    const add = (table: string, csv: string, rows: number) => {
      const data = Buffer.from(csv, 'utf8');
      files.set(`${table}.csv`, data);
      manifest.tables[table] = { file: `${table}.csv`, rows, sha256: createHash('sha256').update(data).digest('hex') };
    };
    const tenantColumns = (await sql<{ name: string }>`select attname as name from pg_attribute where attrelid = 'tenants'::regclass and attnum > 0 and not attisdropped order by attnum`.execute(tx)).rows.map((r) => r.name);
    const t = await tableCsv(tx, 'tenants', tenantColumns, ['id'], sql`where id = ${tenantId}`);
    add('tenants', t.csv, t.rows);
    for (const table of await tenantTables(tx)) {
      const columns = table.columns.map((c) => c.name);
      const { csv, rows } = await tableCsv(tx, table.name, columns, table.primaryKey.length ? table.primaryKey : columns, sql`where tenant_id = ${tenantId}`);
      add(table.name, csv, rows);
    }
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    return { zip: writeZip(files), manifest };
  });
}
