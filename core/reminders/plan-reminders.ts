// The `remind` step: turns a tenant's plugin reminder definitions and open findings into outbox
// rows, in the caller's tenant transaction. Idempotent: the dedupe key (tenant, plugin, reminder,
// subject, period) makes a repeated run insert nothing, and only new rows are returned.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { calendarPeriod } from './periods.ts';

export interface PlannedReminders {
  /** Rows that are new (or revived from cancelled) and wait for delivery. */
  created: string[];
  /** Finding-driven rows still pending whose finding has been resolved. */
  cancelled: number;
}

interface Candidate {
  plugin_id: string;
  reminder_id: string;
  kind: 'calendar' | 'finding';
  title: { 'zh-CN': string; en: string };
  clause: string;
  recipients: string[];
  period: string | null;
  due_on: string | null;
  /** Finding-driven: the namespaced rule ids whose open findings raise it. */
  rule_ids: string[];
}

/** `onFinding` names a rule as written in the plugin; a baseline's rule is namespaced by the baseline. */
function ruleIds(plugin: PolicyPlugin, ruleId: string): string[] {
  return plugin.rules.filter((r) => r.id === `${r.declaredBy}/${ruleId}`).map((r) => r.id);
}

function candidates(plugins: readonly PolicyPlugin[], today: string): Candidate[] {
  const out: Candidate[] = [];
  for (const plugin of plugins) {
    for (const r of plugin.reminders) {
      const base = { plugin_id: plugin.id, reminder_id: r.id, title: r.title, clause: r.clause, recipients: [...r.recipients] };
      if ('onFinding' in r.when) {
        out.push({ ...base, kind: 'finding', period: today.slice(0, 4), due_on: null, rule_ids: ruleIds(plugin, r.when.onFinding) });
        continue;
      }
      const period = calendarPeriod(r.when, today);
      if (period) out.push({ ...base, kind: 'calendar', period: period.period, due_on: period.dueOn, rule_ids: [] });
    }
  }
  return out;
}

/**
 * Plans the reminders of `plugins` for `today` (the tenant's local date). A finding-driven
 * reminder is one per open finding and calendar year (a finding open for years is recalled each
 * year); a pending one is cancelled when its finding resolves, and revived if it reopens.
 */
export async function planReminders(tx: Tx, tenantId: string, plugins: readonly PolicyPlugin[], today: string): Promise<PlannedReminders> {
  const defs = candidates(plugins, today);
  // Two runs at once (a schedule and an evaluation) would otherwise both compute "stale" sets.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`reminders:${tenantId}`}, 0))`.execute(tx);
  const defsJson = JSON.stringify(defs);
  // Pending finding-driven rows whose finding is no longer open (or whose plugin or reminder is
  // gone) are cancelled; rows being sent right now finish. Before the insert, so only older rows
  // are checked, against a hashed set of the open triples (linear, whatever the planner's stats).
  const cancelled = await sql`
    with open as materialized (
      select d.plugin_id, d.reminder_id, f.subject_type, f.subject_id
      from jsonb_to_recordset(${defsJson}::jsonb) as d(plugin_id text, reminder_id text, kind text, rule_ids text[])
      join findings f on f.plugin_id = d.plugin_id and f.rule_id = any(d.rule_ids) and f.resolved_at is null
      where d.kind = 'finding'
    )
    update reminders r set status = 'cancelled', updated_at = now()
    where r.kind = 'finding' and r.status = 'pending'
      and (r.plugin_id, r.reminder_id, r.subject_type, r.subject_id) not in (select plugin_id, reminder_id, subject_type, subject_id from open)`.execute(tx);
  // One statement for every definition: calendar rows for the tenant itself, finding rows per
  // open finding with the school (or enterprise) its subject belongs to.
  const inserted = await sql<{ id: string }>`
    with defs as (
      select * from jsonb_to_recordset(${defsJson}::jsonb) as d(plugin_id text, reminder_id text, kind text, title jsonb,
        clause text, recipients text[], period text, due_on date, rule_ids text[])
    ), wanted as (
      select d.plugin_id, d.reminder_id, d.kind, 'tenant' as subject_type, ${tenantId}::text as subject_id, d.period,
        null::uuid as organization_id, d.title, d.clause, d.recipients, d.due_on
      from defs d where d.kind = 'calendar'
      union all
      select d.plugin_id, d.reminder_id, d.kind, f.subject_type, f.subject_id, d.period,
        coalesce(o.id, t.school_id, pt.school_id, st.school_id, a.school_id, fr.school_id), d.title, d.clause, d.recipients, d.due_on
      from defs d join findings f on f.plugin_id = d.plugin_id and f.rule_id = any(d.rule_ids) and f.resolved_at is null
      cross join lateral (select case when f.subject_id ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then f.subject_id::uuid end as sid) x
      left join organizations o on f.subject_type = 'organization' and o.id = x.sid
      left join teachers t on f.subject_type = 'teacher' and t.id = x.sid
      left join teacher_practice_periods p on f.subject_type = 'practice-period' and p.id = x.sid
      left join teachers pt on pt.tenant_id = p.tenant_id and pt.id = p.teacher_id
      left join internships i on f.subject_type = 'internship' and i.id = x.sid
      left join students st on st.tenant_id = i.tenant_id and st.id = i.student_id
      left join agreements a on f.subject_type = 'agreement' and a.id = x.sid
      left join funding_records fr on f.subject_type = 'funding-record' and fr.id = x.sid
      where d.kind = 'finding'
    )
    insert into reminders as r (tenant_id, plugin_id, reminder_id, kind, subject_type, subject_id, period, organization_id, title, clause, recipients, due_on)
    -- One row per key: two rules behind one reminder may flag the same subject.
    select distinct on (plugin_id, reminder_id, subject_type, subject_id, period)
      ${tenantId}::uuid, plugin_id, reminder_id, kind, subject_type, subject_id, period, organization_id, title, clause, recipients, due_on from wanted
    on conflict on constraint reminders_dedupe_key do update set status = 'pending', attempts = 0, last_error = null, updated_at = now()
      where r.status = 'cancelled'
    returning r.id`.execute(tx);

  return { created: inserted.rows.map((r) => r.id), cancelled: Number(cancelled.numAffectedRows ?? 0) };
}
