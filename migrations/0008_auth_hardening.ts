// Authentication hardening (issue 8, points 1–4): TOTP second factor with hashed recovery codes,
// sessions with idle + absolute expiry and a sign-in stage, tenant security settings, a per-IP
// failure log shared by every API process, the security_admin/audit_admin roles and support access.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('platform_operator', 'bureau_admin',
  'department_officer', 'school_admin', 'teacher', 'enterprise_mentor', 'evaluator', 'security_admin', 'audit_admin'));

-- A user has one primary role (which decides data scope) and may also hold the two duty roles,
-- e.g. a bureau_admin who is also the tenant's security_admin (三员分立 keeps them apart by default).
alter table users
  add column extra_roles text[] not null default '{}',
  -- TOTP secret sealed with the PII keyring (AES-256-GCM, key id beside it); pending until enabled.
  add column totp_secret_ciphertext text,
  add column totp_secret_key_id text,
  add column totp_enabled_at timestamptz,
  -- A secret being enrolled: becomes the secret above only once a code from it is confirmed.
  add column totp_pending_ciphertext text,
  add column totp_pending_key_id text,
  -- The last 30-second step accepted: a code is never accepted twice (ASVS 2.8.4).
  add column totp_last_step bigint;
alter table users add constraint users_extra_roles_check check (extra_roles <@ array['security_admin', 'audit_admin']::text[]);
alter table users add constraint users_totp_enabled_check check (totp_enabled_at is null or totp_secret_ciphertext is not null);

-- Tenant security settings, set by the tenant's security_admin (audited).
alter table tenants
  add column require_2fa_all boolean not null default false,
  add column extended_idle_minutes integer,
  add column password_rotation boolean not null default false;
alter table tenants add constraint tenants_extended_idle_check check (extended_idle_minutes between 30 and 480);

-- stage: 'full' reaches the app; 'totp' only the code step; 'enrol' only 2FA enrolment;
-- 'rotate' only the password change. expires_at is the idle expiry, absolute_expires_at the hard one.
alter table sessions
  add column stage text not null default 'full',
  add column last_seen_at timestamptz,
  add column absolute_expires_at timestamptz,
  add column reauthenticated_at timestamptz;
update sessions set last_seen_at = created_at, absolute_expires_at = least(expires_at, created_at + interval '12 hours');
alter table sessions alter column last_seen_at set not null, alter column last_seen_at set default now(),
  alter column absolute_expires_at set not null, alter column absolute_expires_at set default now() + interval '12 hours';
alter table sessions add constraint sessions_stage_check check (stage in ('full', 'totp', 'enrol', 'rotate'));

create table recovery_codes (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  -- SHA-256 of the code: 50 random bits each, single use, so a slow hash adds nothing.
  code_hash text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz,
  constraint recovery_codes_pkey primary key (tenant_id, id),
  constraint recovery_codes_user_fkey foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint recovery_codes_code_key unique (tenant_id, user_id, code_hash)
);
select enable_tenant_rls('recovery_codes');

-- Failed sign-ins per client address across accounts and tenants: one address cannot spray many
-- accounts. Platform-wide on purpose (no tenant_id); holds only an address and a time.
create table login_ip_failures (
  id bigint generated always as identity,
  ip text not null,
  at timestamptz not null,
  constraint login_ip_failures_pkey primary key (id)
);
create index login_ip_failures_ip_at_idx on login_ip_failures (ip, at);

-- A platform operator's read access to one tenant: requested with a reason, approved by the
-- tenant's bureau_admin, valid until expires_at. The operator lives in the platform scope, so
-- its id is kept without a foreign key.
create table support_access_grants (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  operator_user_id uuid not null,
  operator_email text not null,
  reason text not null,
  hours integer not null,
  status text not null default 'requested',
  requested_at timestamptz not null,
  decided_by uuid,
  decided_at timestamptz,
  expires_at timestamptz,
  constraint support_access_grants_pkey primary key (tenant_id, id),
  constraint support_access_grants_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint support_access_grants_decided_by_fkey foreign key (tenant_id, decided_by) references users (tenant_id, id),
  constraint support_access_grants_status_check check (status in ('requested', 'approved', 'rejected', 'revoked')),
  constraint support_access_grants_hours_check check (hours between 1 and 72),
  constraint support_access_grants_reason_check check (char_length(reason) between 4 and 500),
  constraint support_access_grants_approved_check check (status <> 'approved' or expires_at is not null)
);
select enable_tenant_rls('support_access_grants');
create index support_access_grants_operator_idx on support_access_grants (tenant_id, operator_user_id, status);
`).execute(db);
}
