// Delivers claimed reminders: the in-app inbox in the same transaction as the claim (so it is
// exactly once), then e-mail and webhooks, each recorded as it goes (at least once: a crash
// between a send and its record re-sends it, with the reminder id as the idempotency key).
// A row is claimed with a conditional update before anything is sent, so a row marked sent is
// never sent again.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { EmailChannel } from '../delivery/email.ts';
import type { ReminderMessage } from '../delivery/message.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { DeliveryChannel, LocalizedText, WebhookSetting } from './schema.ts';

export interface DeliveryChannels {
  email: EmailChannel | null;
  webhook(hook: WebhookSetting, m: ReminderMessage): Promise<void>;
}

export interface DeliverOptions {
  channels: DeliveryChannels;
  /** After this many claims a reminder whose channels still fail is marked failed. */
  maxAttempts: number;
  /** How long a claim holds: longer than the slowest send; a crashed worker's claim lapses then. */
  leaseMs: number;
  /** The app's address, for links in messages. */
  publicUrl: string;
  tenantSlug: string;
  /** Counts deliveries by channel and outcome (metrics). */
  onDelivery?: (channel: DeliveryChannel | 'inbox', outcome: 'sent' | 'failed', count?: number) => void;
}

export type DeliveryOutcome =
  | { status: 'sent' | 'skipped' | 'failed' }
  /** Some channel failed; try again later. */
  | { status: 'retry'; error: string }
  /** Another worker holds the claim until `until`. */
  | { status: 'busy'; until: Date };

export interface Claimed {
  id: string;
  attempts: number;
  plugin_id: string;
  reminder_id: string;
  title: LocalizedText;
  clause: string;
  period: string;
  due_on: string | null;
  subject_type: string;
  subject_id: string;
}

export interface PendingDelivery {
  id: string;
  reminder_id: string;
  channel: DeliveryChannel;
  target: string;
}

// One uuid[] parameter, not a literal list of one parameter per id: the statement's text is then the
// same for every batch size, so it is prepared once per connection and its plan cached, instead of
// parsed and planned again for each new size (≈ 1.4 ms a claim, as long as executing it for 100
// rows). The cached plan still probes the primary key for each id (EXPLAIN of the generic plan).
const uuids = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;

// School-level roles hear about a subject of their own school (or enterprise) only.
const ORGANIZATION_ROLES = `'school_admin', 'teacher', 'enterprise_mentor'`;

async function claimAndFanOut(tx: Tx, tenantId: string, ids: readonly string[], opts: DeliverOptions) {
  const claimed = await sql<Claimed>`
    update reminders set status = 'sending', attempts = attempts + 1, updated_at = now(),
      claimed_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
    where id = any(${uuids(ids)}) and (status = 'pending' or (status = 'sending' and claimed_until < now()))
    returning id, attempts, plugin_id, reminder_id, title, clause, period, to_char(due_on, 'YYYY-MM-DD') as due_on, subject_type, subject_id`.execute(tx);
  const claimedIds = claimed.rows.map((r) => r.id);
  const others =
    claimedIds.length === ids.length
      ? []
      : await tx.selectFrom('reminders').select(['id', 'status', 'claimed_until']).where('id', 'in', ids.filter((id) => !claimedIds.includes(id))).execute();
  if (claimedIds.length === 0) return { claimed: [], others, pending: [] as PendingDelivery[], hooks: [] as WebhookSetting[] };

  const inbox = await sql`
    insert into notifications (tenant_id, user_id, reminder_id)
    select r.tenant_id, u.id, r.id from reminders r
    join users u on u.role = any(r.recipients)
      and (r.organization_id is null or u.role not in (${sql.raw(ORGANIZATION_ROLES)}) or u.organization_id = r.organization_id)
    where r.id = any(${uuids(claimedIds)})
    on conflict on constraint notifications_reminder_user_key do nothing`.execute(tx);
  opts.onDelivery?.('inbox', 'sent', Number(inbox.numAffectedRows ?? 0));

  const settings = await tx.selectFrom('delivery_settings').select(['email_enabled', 'webhooks']).executeTakeFirst();
  const hooks = settings?.webhooks ?? [];
  const emailOn = Boolean(settings?.email_enabled && opts.channels.email);
  if (emailOn || hooks.length > 0) {
    await sql`
      insert into reminder_deliveries (tenant_id, reminder_id, channel, target)
      select r.tenant_id, r.id, 'email', u.email from reminders r
      join users u on ${emailOn} and u.role = any(r.recipients)
        and (r.organization_id is null or u.role not in (${sql.raw(ORGANIZATION_ROLES)}) or u.organization_id = r.organization_id)
      where r.id = any(${uuids(claimedIds)})
      union all
      select r.tenant_id, r.id, 'webhook', h.url from reminders r
      cross join jsonb_to_recordset(${JSON.stringify(hooks)}::jsonb) as h(url text)
      -- An account notice (password changed …) is for its user alone, never for a group robot.
      where r.id = any(${uuids(claimedIds)}) and r.kind <> 'account'
      on conflict on constraint reminder_deliveries_target_key do nothing`.execute(tx);
  }
  // Earlier attempts' leftovers count too, whatever the settings say now.
  const pending = await tx
    .selectFrom('reminder_deliveries')
    .select(['id', 'reminder_id', 'channel', 'target'])
    .where('reminder_id', 'in', claimedIds)
    .where('status', '=', 'pending')
    .execute();
  const waiting = new Set(pending.map((d) => d.reminder_id));
  const done = claimedIds.filter((id) => !waiting.has(id));
  if (done.length > 0) {
    await tx.updateTable('reminders').set({ status: 'sent', sent_at: sql<Date>`now()`, claimed_until: null, last_error: null, updated_at: sql<Date>`now()` }).where('id', 'in', done).execute();
  }
  return { claimed: claimed.rows, others, pending, hooks };
}

/** A claimed reminder that still has e-mail or webhook deliveries to send. */
export interface ClaimedExternal {
  status: 'claimed';
  reminder: Claimed;
  deliveries: PendingDelivery[];
  hooks: WebhookSetting[];
}

export type ClaimOutcome = DeliveryOutcome | ClaimedExternal;

/**
 * The in-app fast path, one statement: when the tenant has no e-mail or webhook to send to, the
 * claimable rows without leftover external deliveries are marked sent and their inbox rows written
 * at once (the claim and the inbox commit together: exactly once). Rows it leaves are for
 * claimAndFanOut: external channels configured, leftovers of an earlier attempt, or not claimable.
 */
async function claimInAppOnly(tx: Tx, ids: readonly string[], emailConfigured: boolean, opts: DeliverOptions): Promise<string[]> {
  const { rows } = await sql<{ id: string; inboxed: number }>`
    with claimed as (
      update reminders r set status = 'sent', attempts = attempts + 1, sent_at = now(), claimed_until = null, last_error = null, updated_at = now()
      where r.id = any(${uuids(ids)}) and (r.status = 'pending' or (r.status = 'sending' and r.claimed_until < now()))
        and not exists (select 1 from delivery_settings s where (s.email_enabled and ${emailConfigured}) or jsonb_array_length(s.webhooks) > 0)
        and not exists (select 1 from reminder_deliveries d where d.tenant_id = r.tenant_id and d.reminder_id = r.id and d.status = 'pending')
      returning r.tenant_id, r.id, r.recipients, r.organization_id),
    inbox as (
      insert into notifications (tenant_id, user_id, reminder_id)
      select c.tenant_id, u.id, c.id from claimed c
      join users u on u.role = any(c.recipients)
        and (c.organization_id is null or u.role not in (${sql.raw(ORGANIZATION_ROLES)}) or u.organization_id = c.organization_id)
      on conflict on constraint notifications_reminder_user_key do nothing
      returning 1)
    select c.id, (select count(*) from inbox)::int as inboxed from claimed c`.execute(tx);
  if (rows.length > 0) opts.onDelivery?.('inbox', 'sent', rows[0]!.inboxed);
  return rows.map((r) => r.id);
}

/**
 * Claims the given reminders of one tenant in one transaction: the inbox is delivered with the
 * claim; what also goes out by e-mail or webhook comes back as `claimed`, to be sent.
 */
export async function claimReminders(db: Db, tenantId: string, ids: readonly string[], opts: DeliverOptions): Promise<Map<string, ClaimOutcome>> {
  const outcomes = new Map<string, ClaimOutcome>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return outcomes;
  for (const id of unique) outcomes.set(id, { status: 'skipped' });
  await withTenant(db, tenantId, async (tx) => {
    const sent = await claimInAppOnly(tx, unique, Boolean(opts.channels.email), opts);
    for (const id of sent) outcomes.set(id, { status: 'sent' });
    if (sent.length === unique.length) return;
    const done = new Set(sent);
    const { claimed, others, pending, hooks } = await claimAndFanOut(tx, tenantId, unique.filter((id) => !done.has(id)), opts);
    for (const o of others) {
      if (o.status === 'sending' && o.claimed_until) outcomes.set(o.id, { status: 'busy', until: o.claimed_until });
    }
    const byReminder = new Map<string, PendingDelivery[]>();
    for (const d of pending) byReminder.set(d.reminder_id, [...(byReminder.get(d.reminder_id) ?? []), d]);
    for (const r of claimed) {
      const deliveries = byReminder.get(r.id);
      outcomes.set(r.id, deliveries ? { status: 'claimed', reminder: r, deliveries, hooks } : { status: 'sent' });
    }
  });
  return outcomes;
}

/** Delivers the given reminders of one tenant; every id gets an outcome. */
export async function deliverReminders(db: Db, tenantId: string, ids: readonly string[], opts: DeliverOptions): Promise<Map<string, DeliveryOutcome>> {
  const claims = await claimReminders(db, tenantId, ids, opts);
  const outcomes = new Map<string, DeliveryOutcome>();
  await Promise.all(
    [...claims].map(async ([id, c]) => outcomes.set(id, c.status === 'claimed' ? await sendExternal(db, tenantId, c.reminder, c.deliveries, c.hooks, opts) : c)),
  );
  return outcomes;
}

async function sendExternal(db: Db, tenantId: string, r: Claimed, deliveries: PendingDelivery[], hooks: WebhookSetting[], opts: DeliverOptions): Promise<DeliveryOutcome> {
  const message: ReminderMessage = {
    id: r.id,
    tenantSlug: opts.tenantSlug,
    pluginId: r.plugin_id,
    reminderId: r.reminder_id,
    title: r.title,
    clause: r.clause,
    period: r.period,
    dueOn: r.due_on,
    subject: { type: r.subject_type, id: r.subject_id },
    link: `${opts.publicUrl}/t/${opts.tenantSlug}/inbox`,
  };
  const errors: string[] = [];
  for (const d of deliveries) {
    let error: string | null = null;
    try {
      if (d.channel === 'email') {
        if (!opts.channels.email) throw new Error('e-mail is not configured (SMTP_HOST)');
        await opts.channels.email.send(d.target, message);
      } else {
        const hook = hooks.find((h) => h.url === d.target);
        if (!hook) throw new Error('this webhook is no longer in the delivery settings');
        await opts.channels.webhook(hook, message);
      }
    } catch (e) {
      error = `${d.channel} ${d.channel === 'email' ? d.target : new URL(d.target).host}: ${e instanceof Error ? e.message : String(e)}`;
      errors.push(error);
    }
    opts.onDelivery?.(d.channel, error ? 'failed' : 'sent');
    // Recorded at once, so a crash later re-sends only what had not gone out.
    await withTenant(db, tenantId, (tx) =>
      tx
        .updateTable('reminder_deliveries')
        .set(error ? { attempts: sql<number>`attempts + 1`, last_error: error } : { status: 'sent', attempts: sql<number>`attempts + 1`, sent_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', d.id)
        .execute(),
    );
  }
  const lastError = errors.join('; ').slice(0, 2000);
  const final = errors.length > 0 && r.attempts >= opts.maxAttempts;
  await withTenant(db, tenantId, async (tx) => {
    if (final) await tx.updateTable('reminder_deliveries').set({ status: 'failed' }).where('reminder_id', '=', r.id).where('status', '=', 'pending').execute();
    await tx
      .updateTable('reminders')
      .set({
        status: errors.length === 0 ? 'sent' : final ? 'failed' : 'pending',
        sent_at: errors.length === 0 ? sql<Date>`now()` : null,
        claimed_until: null,
        last_error: errors.length === 0 ? null : lastError,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', r.id)
      .where('status', '=', 'sending')
      .execute();
  });
  if (errors.length === 0) return { status: 'sent' };
  return final ? { status: 'failed' } : { status: 'retry', error: lastError };
}
