// The fact relations metrics aggregate: one row per counted record, with the scopes it belongs to
// (school_id, cluster_id, chain_id; null where a scope does not apply) and flags as of `at`.
// Each family is one scan; every metric over it is one aggregate column of the same GROUP BY.
import { sql, type RawBuilder } from 'kysely';
import type { ScopeType } from '../targets/schema.ts';

export interface MetricContext {
  tenantId: string;
  /** The day the figures are as of (YYYY-MM-DD, the tenant's calendar). */
  at: string;
  /** The tenant's time zone: a record created before the end of `at` there existed on `at`. */
  timezone: string;
}

export interface Family {
  /** Metrics with equal keys share one scan. */
  key: string;
  /** The grouping sets this relation can answer. */
  scopes: readonly ScopeType[];
  facts(ctx: MetricContext): RawBuilder<unknown>;
  /**
   * The facts give school_id and major_id (not cluster_id / chain_id): they are first counted per
   * school and major in one hash aggregate, and only those few rows are joined to their clusters
   * and chains and rolled up. Only for families whose metrics are all counts or sums (they add up).
   */
  byMajor?: true;
}

const at = (ctx: MetricContext) => sql`${ctx.at}::date`;
/** The first instant after `at` in the tenant's zone. */
const cutoff = (ctx: MetricContext) => sql`((${ctx.at}::date + 1)::timestamp at time zone ${ctx.timezone})`;
const localDate = (ctx: MetricContext, column: RawBuilder<unknown>) => sql`(${column} at time zone ${ctx.timezone})::date`;
const yearStart = (ctx: MetricContext) => sql`date_trunc('year', ${ctx.at}::date)::date`;

/**
 * An agreement in force on `at`: status active and `at` within its validity, both ends included.
 * A missing start falls back to the signing date; with neither, the agreement has no start.
 * Records' own dates decide, never when they were typed in: data is often entered after the fact.
 */
export const agreementInForce = (ctx: MetricContext, a: string) => {
  const col = (c: string) => sql.ref(`${a}.${c}`);
  return sql`(${col('status')} = 'active'
    and (coalesce(${col('valid_from')}, ${col('signed_on')}) is null or coalesce(${col('valid_from')}, ${col('signed_on')}) <= ${at(ctx)})
    and (${col('valid_until')} is null or ${col('valid_until')} >= ${at(ctx)}))`;
};

/** The cluster and industry chain of a major `m` (joined with its cluster `c`): the major's own chain, else its cluster's. */
const majorScope = (m: string, c: string) =>
  sql`${sql.ref(`${m}.cluster_id`)} as cluster_id, coalesce(${sql.ref(`${m}.industry_chain_id`)}, ${sql.ref(`${c}.industry_chain_id`)}) as chain_id`;
const joinMajor = (owner: string, column: string) => sql.raw(
  `left join majors m on m.tenant_id = ${owner}.tenant_id and m.id = ${owner}.${column}
   left join major_clusters c on c.tenant_id = m.tenant_id and c.id = m.cluster_id`,
);

const ALL: readonly ScopeType[] = ['tenant', 'school', 'majorCluster', 'industryChain'];
const SCHOOL: readonly ScopeType[] = ['tenant', 'school'];
const TENANT: readonly ScopeType[] = ['tenant'];
const noMajor = sql`null::uuid as cluster_id, null::uuid as chain_id`;

export const majorsFamily: Family = {
  key: 'majors',
  scopes: ALL,
  facts: (ctx) => sql`
    select m.school_id, ${majorScope('m', 'c')},
      -- The day it opened, if by at (createdSince counts these); without opened_on, the day it was recorded.
      case when coalesce(m.opened_on, ${localDate(ctx, sql`m.created_at`)}) <= ${at(ctx)} then coalesce(m.opened_on, ${localDate(ctx, sql`m.created_at`)}) end as opened,
      ((m.opened_on is null or m.opened_on <= ${at(ctx)}) and (m.closed_on is null or m.closed_on > ${at(ctx)})) as is_open,
      (ag.major_id is not null) as has_agreement,
      st.employment_rate
    from majors m left join major_clusters c on c.tenant_id = m.tenant_id and c.id = m.cluster_id
    left join (select distinct a.major_id from agreements a where a.tenant_id = ${ctx.tenantId} and a.major_id is not null and ${agreementInForce(ctx, 'a')}) ag
      on ag.major_id = m.id
    -- The latest employment rate of a year up to at's year.
    left join (select distinct on (s.major_id) s.major_id, s.employment_rate from major_yearly_stats s
               where s.tenant_id = ${ctx.tenantId} and s.employment_rate is not null and s.year <= extract(year from ${at(ctx)})
               order by s.major_id, s.year desc) st on st.major_id = m.id
    where m.tenant_id = ${ctx.tenantId}`,
};

export const agreementsFamily: Family = {
  key: 'agreements',
  scopes: ALL,
  facts: (ctx) => sql`
    select a.school_id, ${majorScope('m', 'c')}, a.mode, a.enterprise_id,
      ${agreementInForce(ctx, 'a')} as in_force,
      (a.signed_on between ${yearStart(ctx)} and ${at(ctx)}) as signed_in_year
    from agreements a ${joinMajor('a', 'major_id')}
    where a.tenant_id = ${ctx.tenantId}`,
};

export const schoolsFamily: Family = {
  key: 'schools',
  scopes: SCHOOL,
  facts: (ctx) => sql`
    select o.id as school_id, ${noMajor}, o.school_level,
      (ag.school_id is not null) as has_agreement,
      (exists (select 1 from bases b where b.tenant_id = o.tenant_id and b.partner_id = o.id and b.kind = 'career_enlightenment'
                 and (b.established_on is null or b.established_on <= ${at(ctx)}))
       or exists (select 1 from events e where e.tenant_id = o.tenant_id and e.organiser_id = o.id and e.kind = 'career_day'
                 and e.held_on > ${at(ctx)} - 365 and e.held_on <= ${at(ctx)})) as enlightened
    from organizations o
    left join (select distinct a.school_id from agreements a where a.tenant_id = ${ctx.tenantId} and ${agreementInForce(ctx, 'a')}) ag on ag.school_id = o.id
    where o.tenant_id = ${ctx.tenantId} and o.kind = 'school'`,
};

/**
 * Professional teachers and their enterprise practice in the rolling `years` ending on `at`, counted
 * as the plugins count it: periods cut to the window and merged (overlapping or back-to-back ones
 * are one stretch), each stretch's whole calendar months, leftover days pooled at 30 to a month.
 */
export const teacherPracticeFamily = (years: number): Family => ({
  key: `teacherPractice:${years}`,
  scopes: SCHOOL,
  facts: (ctx) => sql`
    with win as (select (${at(ctx)} - make_interval(years => ${years}))::date + 1 as s, ${at(ctx)} as e),
    clipped as (
      select p.teacher_id, greatest(p.start_on, win.s) as cs, least(p.end_on, win.e) as ce
      from teacher_practice_periods p, win
      where p.tenant_id = ${ctx.tenantId} and p.end_on >= win.s and p.start_on <= win.e),
    marked as (
      select teacher_id, cs, ce, case when cs <= max(ce) over (partition by teacher_id order by cs, ce rows between unbounded preceding and 1 preceding) + 1
        then 0 else 1 end as brk
      from clipped),
    islands as (select teacher_id, cs, ce, sum(brk) over (partition by teacher_id order by cs, ce rows unbounded preceding) as grp from marked),
    merged as (select teacher_id, min(cs) as s, max(ce) + 1 as e1 from islands group by teacher_id, grp),
    months as (
      select teacher_id, s, e1, case when (s + make_interval(months => n0))::date > e1 then n0 - 1 else n0 end as n
      -- date_part, not extract: extract returns numeric, whose arithmetic made this step about a third of the family's cost.
      from (select teacher_id, s, e1, ((date_part('year', e1) - date_part('year', s)) * 12 + date_part('month', e1) - date_part('month', s))::int as n0 from merged) x),
    totals as (
      select teacher_id, sum(n) + floor(sum(e1 - (s + make_interval(months => n))::date) / 30) as months from months group by teacher_id)
    select t.school_id, ${noMajor},
      (t.is_professional and (t.hire_date is null or t.hire_date <= win.s)) as eligible,
      coalesce(totals.months, 0) as practice_months
    from teachers t cross join win left join totals on totals.teacher_id = t.id
    where t.tenant_id = ${ctx.tenantId}`,
});

export const practicePeriodsFamily: Family = {
  key: 'practicePeriods',
  scopes: SCHOOL,
  facts: (ctx) => sql`
    select t.school_id, ${noMajor}
    from teacher_practice_periods p join teachers t on t.tenant_id = p.tenant_id and t.id = p.teacher_id
    where p.tenant_id = ${ctx.tenantId} and p.start_on between ${yearStart(ctx)} and ${at(ctx)}`,
};

/** Insured as core/internships/insured.ts says: both covers under a named policy spanning the whole internship. */
export const internshipsFamily: Family = {
  key: 'internships',
  scopes: ALL,
  byMajor: true,
  facts: (ctx) => sql`
    select st.school_id, st.major_id,
      (i.start_on <= ${at(ctx)} and i.status <> 'terminated') as started,
      (i.liability_insurance and i.accident_insurance and coalesce(btrim(i.policy_number), '') <> ''
        and i.insurance_start <= i.start_on and i.insurance_end >= i.end_on) as insured,
      ((i.status = 'completed' and i.start_on <= ${at(ctx)}) or (i.status = 'ongoing' and i.end_on < ${at(ctx)})) as ended,
      (es.internship_id is not null and ee.internship_id is not null) as dual_evaluated
    from internships i
    join students st on st.tenant_id = i.tenant_id and st.id = i.student_id
    left join internship_evaluations es on es.tenant_id = i.tenant_id and es.internship_id = i.id and es.side = 'school' and es.evaluated_at < ${cutoff(ctx)}
    left join internship_evaluations ee on ee.tenant_id = i.tenant_id and ee.internship_id = i.id and ee.side = 'enterprise' and ee.evaluated_at < ${cutoff(ctx)}
    where i.tenant_id = ${ctx.tenantId}`,
};

export const orderClassStudentsFamily: Family = {
  key: 'orderClassStudents',
  scopes: ALL,
  facts: (ctx) => sql`
    select st.school_id, ${majorScope('m', 'c')}, ocs.student_id
    from order_class_students ocs
    join order_classes oc on oc.tenant_id = ocs.tenant_id and oc.id = ocs.order_class_id
    join students st on st.tenant_id = ocs.tenant_id and st.id = ocs.student_id
    ${joinMajor('st', 'major_id')}
    where ocs.tenant_id = ${ctx.tenantId} and oc.cohort_year = extract(year from ${at(ctx)})`,
};

export const designationsFamily: Family = {
  key: 'designations',
  scopes: TENANT,
  facts: (ctx) => sql`
    select null::uuid as school_id, ${noMajor}, d.enterprise_id, d.designation, d.stage,
      ((d.designated_on is null or d.designated_on <= ${at(ctx)}) and (d.expires_on is null or d.expires_on >= ${at(ctx)})) as in_force
    from enterprise_designations d
    where d.tenant_id = ${ctx.tenantId}`,
};

export const basesFamily: Family = {
  key: 'bases',
  scopes: SCHOOL,
  facts: (ctx) => sql`
    select case when o.kind = 'school' then b.owner_id end as school_id, ${noMajor}, b.kind, b.level
    from bases b join organizations o on o.tenant_id = b.tenant_id and o.id = b.owner_id
    where b.tenant_id = ${ctx.tenantId} and (b.established_on is null or b.established_on <= ${at(ctx)})`,
};

/** Events held from 1 January of `at`'s year up to `at`: the year-to-date figures of the yearly reports. */
export const eventsFamily: Family = {
  key: 'events',
  scopes: TENANT,
  facts: (ctx) => sql`
    select null::uuid as school_id, ${noMajor}, e.kind, e.title, e.organiser_id, o.kind as organiser_kind, e.enterprise_count, e.agreements_signed
    from events e left join organizations o on o.tenant_id = e.tenant_id and o.id = e.organiser_id
    where e.tenant_id = ${ctx.tenantId} and e.held_on between ${yearStart(ctx)} and ${at(ctx)}`,
};

export const organizationsFamily: Family = {
  key: 'organizations',
  scopes: TENANT,
  facts: (ctx) => sql`
    select null::uuid as school_id, ${noMajor}, o.kind
    from organizations o
    where o.tenant_id = ${ctx.tenantId}`,
};

export const trainingsFamily: Family = {
  key: 'trainings',
  scopes: SCHOOL,
  facts: (ctx) => sql`
    select case when o.kind = 'school' then t.provider_id end as school_id, ${noMajor}, t.kind, t.start_on, t.end_on, t.trainees
    from trainings t join organizations o on o.tenant_id = t.tenant_id and o.id = t.provider_id
    where t.tenant_id = ${ctx.tenantId} and t.end_on <= ${at(ctx)}`,
};
