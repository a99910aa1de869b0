// Checks a tenant's audit chain: every row's hash recomputed from its columns, every prev_hash
// equal to the hash of the row before, positions without gaps. Names the first broken row.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

export type BreakReason = 'hash' | 'prev_hash' | 'gap';

export interface ChainBreak {
  tenantId: string;
  /** audit_log.id of the first row that does not fit. */
  id: string;
  chainSeq: string;
  reason: BreakReason;
}

export interface ChainReport {
  tenantId: string;
  rows: number;
  firstBreak: ChainBreak | null;
}

const PAGE = 5000;

interface ChainRow {
  id: string;
  chain_seq: string;
  prev_hash: string | null;
  hash: string;
  recomputed: string;
}

export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainReport> {
  let rows = 0;
  let lastSeq = 0n;
  let lastHash: string | null = null;
  for (;;) {
    // The recomputation runs in SQL with the same function the trigger used, so jsonb and
    // timestamps are rendered exactly as they were when the hash was taken.
    const page = await withTenant(db, tenantId, async (tx) =>
      (
        await sql<ChainRow>`select id::text as id, chain_seq::text as chain_seq, prev_hash, hash, audit_row_hash(prev_hash, a) as recomputed
          from audit_log a where a.chain_seq > ${lastSeq.toString()}::bigint order by a.chain_seq limit ${PAGE}`.execute(tx)
      ).rows,
    );
    for (const row of page) {
      const seq = BigInt(row.chain_seq);
      const at = (reason: BreakReason): ChainReport => ({ tenantId, rows, firstBreak: { tenantId, id: row.id, chainSeq: row.chain_seq, reason } });
      if (seq !== lastSeq + 1n) return at('gap');
      if (row.prev_hash !== lastHash) return at('prev_hash');
      if (row.hash !== row.recomputed) return at('hash');
      rows++;
      lastSeq = seq;
      lastHash = row.hash;
    }
    if (page.length < PAGE) return { tenantId, rows, firstBreak: null };
  }
}
