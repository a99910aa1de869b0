// The tenant-scoped tables, read from the catalog (every table with a tenant_id column), with
// their columns, primary keys and foreign keys, in an order where referenced tables come first.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export interface TableInfo {
  name: string;
  columns: { name: string; type: string; identityAlways: boolean }[];
  primaryKey: string[];
}

export async function tenantTables(tx: Tx): Promise<TableInfo[]> {
  const cols = (
    await sql<{ table: string; column: string; type: string; identity: string; pk: boolean }>`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attidentity as identity,
        coalesce(a.attnum = any(k.conkey), false) as pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      left join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'
      where c.relkind in ('r', 'p') and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
      order by c.relname, a.attnum`.execute(tx)
  ).rows;
  const deps = (
    await sql<{ table: string; references: string }>`
      select c.relname as table, r.relname as references from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where k.contype = 'f' and c.oid <> r.oid`.execute(tx)
  ).rows;
  const tables = new Map<string, TableInfo>();
  for (const c of cols) {
    const t = tables.get(c.table) ?? { name: c.table, columns: [], primaryKey: [] };
    t.columns.push({ name: c.column, type: c.type, identityAlways: c.identity === 'a' });
    if (c.pk) t.primaryKey.push(c.column);
    tables.set(c.table, t);
  }
  // Depth-first topological order over the foreign keys between tenant tables.
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle through ${name}`);
    state.set(name, 'visiting');
    for (const d of deps) if (d.table === name && tables.has(d.references)) visit(d.references);
    state.set(name, 'done');
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return ordered;
}
