// The audit chain's head (tenant, position, hash) kept in a transaction-local setting once the
// first row of a transaction has found it, so a 10,000-row import's audit rows no longer each
// look the head up, re-take the tenant's lock and check the restore role. The setting rolls back
// with a savepoint or the transaction, exactly as the rows it describes do.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create or replace function audit_log_chain() returns trigger language plpgsql as $$
declare
  last_seq bigint;
  last_hash text;
  head text := current_setting('app.audit_chain_head', true);
begin
  -- Restoring a tenant export keeps the stored chain; only the table's owner may do that.
  if coalesce(current_setting('app.audit_restore', true), '') = 'on' then
    if pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_log'::regclass), 'MEMBER') then
      perform set_config('app.audit_chain_head', '', true);
      return new;
    end if;
  end if;
  if head is not null and head <> '' and split_part(head, '|', 1) = new.tenant_id::text then
    -- This transaction already holds the tenant's chain lock and wrote the head itself.
    last_seq := split_part(head, '|', 2)::bigint;
    last_hash := split_part(head, '|', 3);
  else
    perform pg_advisory_xact_lock(hashtextextended('audit_log:' || new.tenant_id::text, 0));
    select chain_seq, hash into last_seq, last_hash from audit_log
      where tenant_id = new.tenant_id and chain_seq is not null order by chain_seq desc limit 1;
  end if;
  new.chain_seq := coalesce(last_seq, 0) + 1;
  new.prev_hash := last_hash;
  new.hash := audit_row_hash(last_hash, new);
  perform set_config('app.audit_chain_head', new.tenant_id::text || '|' || new.chain_seq || '|' || new.hash, true);
  return new;
end $$;
`).execute(db);
}
