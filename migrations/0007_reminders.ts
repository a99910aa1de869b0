// The reminder outbox and what comes out of it: reminder rows (one per tenant, plugin, reminder,
// subject and period), per-channel deliveries, the in-app inbox and each tenant's delivery settings.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(String.raw`
create table reminders (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plugin_id text not null,
  reminder_id text not null,
  kind text not null,
  subject_type text not null,
  subject_id text not null,
  period text not null,
  -- The school (or enterprise) the subject belongs to: school-level recipients are taken from it.
  organization_id uuid,
  title jsonb not null,
  clause text not null,
  recipients text[] not null,
  due_on date,
  status text not null default 'pending',
  attempts integer not null default 0,
  -- A worker that claimed the row owns it until then; a crashed worker's claim lapses.
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint reminders_pkey primary key (tenant_id, id),
  constraint reminders_dedupe_key unique (tenant_id, plugin_id, reminder_id, subject_type, subject_id, period),
  constraint reminders_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint reminders_organization_fkey foreign key (tenant_id, organization_id) references organizations (tenant_id, id) on delete set null (organization_id),
  constraint reminders_kind_check check (kind in ('calendar', 'finding')),
  constraint reminders_status_check check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  constraint reminders_attempts_check check (attempts >= 0)
);
select enable_tenant_rls('reminders');
-- Reconciliation and cancellation list pending rows. (Not 'sending' too: an index matching the
-- claim's status condition tempts the planner away from the primary key when stats are young.)
create index reminders_pending_idx on reminders (tenant_id, created_at) where status = 'pending';
create index reminders_failed_idx on reminders (tenant_id, updated_at desc, id) where status = 'failed';

-- One row per external channel and target of a reminder, so a retry re-sends only what failed.
create table reminder_deliveries (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  reminder_id uuid not null,
  channel text not null,
  target text not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint reminder_deliveries_pkey primary key (tenant_id, id),
  constraint reminder_deliveries_target_key unique (tenant_id, reminder_id, channel, target),
  constraint reminder_deliveries_reminder_fkey foreign key (tenant_id, reminder_id) references reminders (tenant_id, id) on delete cascade,
  constraint reminder_deliveries_channel_check check (channel in ('email', 'webhook')),
  constraint reminder_deliveries_status_check check (status in ('pending', 'sent', 'failed'))
);
select enable_tenant_rls('reminder_deliveries');

-- The in-app inbox: one notification per reminder and user, whatever happens to the job.
create table notifications (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  reminder_id uuid not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notifications_pkey primary key (tenant_id, id),
  constraint notifications_reminder_user_key unique (tenant_id, reminder_id, user_id),
  constraint notifications_user_fkey foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint notifications_reminder_fkey foreign key (tenant_id, reminder_id) references reminders (tenant_id, id) on delete cascade
);
select enable_tenant_rls('notifications');
create index notifications_inbox_idx on notifications (tenant_id, user_id, created_at desc, id desc);

-- Where a tenant's reminders go besides the inbox: e-mail on or off, group-robot webhooks.
create table delivery_settings (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  email_enabled boolean not null default false,
  webhooks jsonb not null default '[]',
  updated_at timestamptz not null default now(),
  constraint delivery_settings_pkey primary key (tenant_id, id),
  constraint delivery_settings_tenant_key unique (tenant_id),
  constraint delivery_settings_tenant_fkey foreign key (tenant_id) references tenants (id),
  constraint delivery_settings_webhooks_check check (jsonb_typeof(webhooks) = 'array')
);
select enable_tenant_rls('delivery_settings');
`).execute(db);
}
