// Data protection (issue 8, points 5–9): the audit log as a SHA-256 chain per tenant, ID numbers
// sealed at the application layer (ciphertext + key id + keyed hash), location on weekly logs,
// consents (guardian 知情同意书, location) and data-subject requests.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
-- The audit chain: each row of a tenant carries its position, the hash of the row before it and
-- its own hash over every column, so an edited, inserted or removed row breaks the chain.
alter table audit_log
  add column chain_seq bigint,
  add column prev_hash text,
  add column hash text;

-- Canonical text of a row (a JSON array, so no separator can be forged), hashed with SHA-256.
-- The time is in microseconds since the epoch, independent of the session's time zone.
create function audit_row_hash(prev text, r audit_log) returns text language sql immutable as $$
  select encode(sha256(convert_to(json_build_array(prev, r.tenant_id, r.chain_seq,
    (extract(epoch from r.at) * 1000000)::bigint, r.actor_user_id, r.action, r.entity, r.entity_id,
    r.changes, r.request_id)::text, 'UTF8')), 'hex')
$$;

-- Computed in the inserting transaction; a per-tenant advisory lock orders concurrent writers,
-- so chain_seq has no gaps and prev_hash is the row committed just before.
create function audit_log_chain() returns trigger language plpgsql as $$
declare
  last_seq bigint;
  last_hash text;
begin
  -- Restoring a tenant export keeps the stored chain; only the table's owner may do that.
  if coalesce(current_setting('app.audit_restore', true), '') = 'on'
     and pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_log'::regclass), 'MEMBER') then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('audit_log:' || new.tenant_id::text, 0));
  select chain_seq, hash into last_seq, last_hash from audit_log
    where tenant_id = new.tenant_id and chain_seq is not null order by chain_seq desc limit 1;
  new.chain_seq := coalesce(last_seq, 0) + 1;
  new.prev_hash := last_hash;
  new.hash := audit_row_hash(last_hash, new);
  return new;
end $$;

-- Rows written before this migration join the chain in the order they were written.
alter table audit_log disable trigger audit_log_append_only;
do $$
declare
  r audit_log;
  prev text;
  seq bigint;
  current_tenant uuid;
begin
  for r in select * from audit_log order by tenant_id, id loop
    if current_tenant is distinct from r.tenant_id then
      current_tenant := r.tenant_id; prev := null; seq := 0;
    end if;
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    prev := audit_row_hash(prev, r);
    update audit_log set chain_seq = seq, prev_hash = r.prev_hash, hash = prev where tenant_id = r.tenant_id and id = r.id;
  end loop;
end $$;
alter table audit_log enable trigger audit_log_append_only;

alter table audit_log alter column chain_seq set not null, alter column hash set not null;
alter table audit_log add constraint audit_log_chain_seq_key unique (tenant_id, chain_seq);
create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();

-- Append-only still; the one exception is erasing a whole tenant (owner only: the app role has
-- no delete privilege), which the tenant deletion marks with app.erasing_tenant.
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and coalesce(current_setting('app.erasing_tenant', true), '') <> '' then
    return null;
  end if;
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;

-- 身份证号: ciphertext (AES-256-GCM, base64 of iv|ciphertext|tag), the id of its key and the
-- keyed hash that equality look-ups and the per-tenant unique key use. The plaintext column
-- stays only for rows written before this migration; start-up seals them and empties it.
alter table students
  add column id_number_ciphertext text,
  add column id_number_key_id text,
  add column id_number_hmac text,
  alter column id_number drop not null,
  drop constraint students_id_number_key;
alter table students add constraint students_id_number_hmac_key unique (tenant_id, id_number_hmac);
alter table students add constraint students_id_number_sealed_check check (
  id_number is null and id_number_ciphertext is not null and id_number_key_id is not null and id_number_hmac is not null) not valid;
create index students_id_number_key_id_idx on students (tenant_id, id_number_key_id);

-- A weekly log may carry where the intern checked in, only with the location consent.
alter table internship_logs
  add column latitude numeric(9, 6),
  add column longitude numeric(9, 6),
  add constraint internship_logs_location_check check (
    (latitude is null) = (longitude is null) and (latitude is null or (latitude between -90 and 90 and longitude between -180 and 180)));

-- Consents under PIPL Art. 28–31: the guardian's 知情同意书 for a minor's 岗位实习, and the
-- separate consent to location check-ins (from the guardian of a minor, or the student).
create table consents (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  student_id uuid not null,
  purpose text not null,
  given_by text not null,
  consenter_name text not null,
  relation text,
  granted_on date not null,
  attachment_id uuid,
  withdrawn_at timestamptz,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  constraint consents_pkey primary key (tenant_id, id),
  constraint consents_student_fkey foreign key (tenant_id, student_id) references students (tenant_id, id) on delete cascade,
  constraint consents_attachment_fkey foreign key (tenant_id, attachment_id) references attachments (tenant_id, id),
  constraint consents_purpose_check check (purpose in ('post_internship', 'location')),
  constraint consents_given_by_check check (given_by in ('guardian', 'student')),
  constraint consents_relation_check check (given_by = 'student' or relation is not null)
);
select enable_tenant_rls('consents');
create index consents_student_idx on consents (tenant_id, student_id, purpose);

-- Data-subject requests (PIPL Art. 44–47): export, correction, deletion, each with its reason
-- and, for a deletion, what had to be kept by law.
create table data_subject_requests (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  student_id uuid,
  kind text not null,
  reason text not null,
  fields text[] not null default '{}',
  retained jsonb not null default '[]',
  handled_by uuid,
  created_at timestamptz not null default now(),
  constraint data_subject_requests_pkey primary key (tenant_id, id),
  constraint data_subject_requests_student_fkey foreign key (tenant_id, student_id) references students (tenant_id, id) on delete set null (student_id),
  constraint data_subject_requests_kind_check check (kind in ('export', 'correct', 'delete'))
);
select enable_tenant_rls('data_subject_requests');
create index data_subject_requests_created_idx on data_subject_requests (tenant_id, created_at);
`).execute(db);
}
