// Foundation: the app role, tenants, the RLS helpers, organizations, users, sessions, audit log.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
-- The role the application runs its queries as: owns nothing, is no superuser, so RLS applies.
-- Roles are cluster-wide; several databases (and parallel test runs) may race to create it.
do $$ begin
  create role chanjiao_app nologin;
exception when duplicate_object or unique_violation then null;
end $$;

grant usage on schema public to chanjiao_app;
alter default privileges in schema public grant select, insert, update, delete on tables to chanjiao_app;
alter default privileges in schema public grant usage, select on sequences to chanjiao_app;

-- The tenant of the current transaction, or null outside withTenant (then no tenant row is visible).
create function current_tenant_id() returns uuid language sql stable as
$$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Every tenant-scoped table calls this once: forced RLS on tenant_id, for reads and writes.
create function enable_tenant_rls(tbl regclass) returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('create policy tenant_isolation on %s using (tenant_id = current_tenant_id()) '
                 'with check (tenant_id = current_tenant_id())', tbl);
end $$;

create table tenants (
  id uuid not null default gen_random_uuid(),
  slug text not null,
  name_zh text not null,
  name_en text not null,
  kind text not null,
  timezone text not null default 'Asia/Shanghai',
  plugins jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tenants_pkey primary key (id),
  constraint tenants_slug_key unique (slug),
  constraint tenants_slug_check check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  constraint tenants_kind_check check (kind in ('platform', 'county', 'corps-division', 'high-tech-zone', 'city', 'district'))
);
-- Exactly one platform scope, which holds the platform operators.
create unique index tenants_one_platform_idx on tenants (kind) where kind = 'platform';

create table organizations (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  kind text not null,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint organizations_pkey primary key (tenant_id, id),
  constraint organizations_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint organizations_kind_check check (kind in ('school', 'enterprise', 'department', 'association', 'park', 'evaluator'))
);
select enable_tenant_rls('organizations');

create table users (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  email text not null,
  display_name text not null,
  role text not null,
  organization_id uuid,
  password_hash text not null,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint users_pkey primary key (tenant_id, id),
  constraint users_email_key unique (tenant_id, email),
  constraint users_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint users_organization_fkey foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  constraint users_email_check check (email = lower(email) and email like '%_@_%'),
  constraint users_role_check check (role in ('platform_operator', 'bureau_admin', 'department_officer',
    'school_admin', 'teacher', 'enterprise_mentor', 'evaluator')),
  constraint users_organization_required check (
    role not in ('school_admin', 'teacher', 'enterprise_mentor', 'department_officer') or organization_id is not null)
);
select enable_tenant_rls('users');

create table sessions (
  tenant_id uuid not null,
  id text not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text,
  ip text,
  constraint sessions_pkey primary key (tenant_id, id),
  constraint sessions_user_fkey foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select enable_tenant_rls('sessions');
create index sessions_user_idx on sessions (tenant_id, user_id);
-- Finding a session by its hash alone tells a foreign session (404) from none (login).
create index sessions_id_idx on sessions (id);
-- Whoever holds the token may see its own session row, whatever the tenant; nothing else.
create policy session_by_token on sessions for select
  using (id = nullif(current_setting('app.session_id', true), ''));

create table audit_log (
  tenant_id uuid not null,
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor_user_id uuid,
  action text not null,
  entity text not null,
  entity_id text,
  changes jsonb,
  request_id text,
  constraint audit_log_pkey primary key (tenant_id, id),
  constraint audit_log_tenant_fkey foreign key (tenant_id) references tenants (id)
);
select enable_tenant_rls('audit_log');
create index audit_log_entity_idx on audit_log (tenant_id, entity, entity_id);
revoke update, delete, truncate on audit_log from chanjiao_app;

-- Append-only even for the owner: no path updates or deletes an audit row.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each statement execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
`).execute(db);
}
