// Imports a tenant export into a database that does not hold that tenant: rows inserted as the
// owner in foreign-key order, each column cast from its text, identities and the audit chain
// kept as exported; checked against the manifest's counts and hashes before it commits.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { tenantTables } from './catalog.ts';
import { parseCsv } from './csv.ts';
import type { Manifest } from './export-tenant.ts';
import { scopeTo, type OwnerTransaction } from './owner-transaction.ts';
import { readZip } from './zip-archive.ts';

const BATCH = 1000;

async function insertRows(tx: Tx, table: string, types: Map<string, string>, identity: boolean, header: string[], rows: (string | null)[][]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? null])));
    const cols = sql.join(header.map((h) => sql.id(h)));
    // Each value goes through its column type's input function, exactly as COPY would.
    const casts = sql.join(header.map((h) => sql`(r ->> ${h})::${sql.raw(types.get(h)!)}`));
    await sql`insert into ${sql.id(table)} (${cols}) ${identity ? sql`overriding system value` : sql``}
      select ${casts} from json_array_elements(${JSON.stringify(batch)}::json) r`.execute(tx);
  }
}

export async function importTenant(asOwner: OwnerTransaction, zip: Buffer): Promise<Manifest> {
  const files = readZip(zip);
  const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? 'null') as Manifest | null;
  if (manifest?.format !== 'chanjiao-tenant-export/1') throw new Error('not a Chanjiao tenant export (manifest.json missing or of another format)');
  for (const [table, entry] of Object.entries(manifest.tables)) {
    const data = files.get(entry.file);
    if (!data || createHash('sha256').update(data).digest('hex') !== entry.sha256) throw new Error(`${entry.file} does not match the manifest's hash`);
    void table;
  }
  return asOwner(async (tx) => {
    await scopeTo(tx, manifest.tenant.id);
    // The audit rows keep the chain they were exported with (the trigger trusts the owner only).
    await sql`select set_config('app.audit_restore', 'on', true)`.execute(tx);
    const exists = await tx.selectFrom('tenants').select('id').where((eb) => eb.or([eb('id', '=', manifest.tenant.id), eb('slug', '=', manifest.tenant.slug)])).executeTakeFirst();
    if (exists) throw new Error(`tenant ${manifest.tenant.slug} already exists here; import only into a database without it`);
    const tables = await tenantTables(tx);
    const missing = Object.keys(manifest.tables).filter((t) => t !== 'tenants' && !tables.some((x) => x.name === t));
    if (missing.length) throw new Error(`the export has tables this database lacks (migrate first): ${missing.join(', ')}`);
    const tenantTypes = new Map(
      (await sql<{ name: string; type: string }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'tenants'::regclass and attnum > 0 and not attisdropped`.execute(tx)).rows.map((r) => [r.name, r.type]),
    );
    const load = async (table: string, types: Map<string, string>, identity: boolean) => {
      const entry = manifest.tables[table];
      if (!entry) return;
      const { header, rows } = parseCsv(files.get(entry.file)!.toString('utf8'));
      if (rows.length !== entry.rows) throw new Error(`${entry.file}: ${rows.length} rows, the manifest says ${entry.rows}`);
      if (rows.length) await insertRows(tx, table, types, identity, header, rows);
    };
    await load('tenants', tenantTypes, false);
    for (const table of tables) await load(table.name, new Map(table.columns.map((c) => [c.name, c.type])), table.columns.some((c) => c.identityAlways));
    return manifest;
  });
}
