// Reads the tenant-scoped tables from the catalog, and knows how to put one row in each.
// A new tenant table without a row factory here fails the isolation suite on purpose.
import { sql } from 'kysely';
import type { Db, Tx } from '../../core/db/database.ts';

export async function tenantScopedTables(db: Db): Promise<string[]> {
  const result = await sql<{ table: string }>`
    select c.relname as table from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`.execute(db);
  return result.rows.map((r) => r.table);
}

type RowFactory = (tx: Tx, tenantId: string) => Promise<void>;

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function organization(tx: Tx, tenantId: string) {
  return tx.insertInto('organizations').values({ tenant_id: tenantId, kind: 'school', name: `学校${next()}` }).returning('id').executeTakeFirstOrThrow();
}

async function user(tx: Tx, tenantId: string) {
  return tx
    .insertInto('users')
    .values({ tenant_id: tenantId, email: `u${next()}@example.cn`, display_name: 'U', role: 'bureau_admin', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export const rowFactories: Record<string, RowFactory> = {
  organizations: async (tx, tenantId) => void (await organization(tx, tenantId)),
  users: async (tx, tenantId) => void (await user(tx, tenantId)),
  sessions: async (tx, tenantId) => {
    const { id } = await user(tx, tenantId);
    await tx.insertInto('sessions').values({ tenant_id: tenantId, id: `s${next()}`, user_id: id, expires_at: new Date(Date.now() + 3_600_000), user_agent: null, ip: null }).execute();
  },
  audit_log: async (tx, tenantId) => {
    await tx.insertInto('audit_log').values({ tenant_id: tenantId, actor_user_id: null, action: 'test', entity: 'test', entity_id: null, changes: null, request_id: null }).execute();
  },
};
