// The only door to tenant rows: one transaction with app.tenant_id set locally, so RLS
// shows and accepts this tenant's rows and nothing else, and the setting dies with it.
import { CompiledQuery } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { pipelined } from '../db/postgres-js-dialect.ts';

export interface TenantScopeOptions {
  /** SHA-256 of a presented session token: lets that one session row be read, whatever its tenant. */
  sessionId?: string;
}

export async function withTenant<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  options: TenantScopeOptions = {},
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    // Travels with BEGIN and the first query of fn: one round trip for all three.
    await tx.executeQuery(
      pipelined(
        CompiledQuery.raw("select set_config('app.tenant_id', $1, true), set_config('app.session_id', $2, true)", [
          tenantId,
          options.sessionId ?? '',
        ]),
      ),
    );
    return fn(tx);
  });
}
