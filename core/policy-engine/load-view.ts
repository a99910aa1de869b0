// Builds a tenant's PolicyDataView in the database, as one JSON text from one statement: RLS
// scopes every row, the view is one consistent snapshot, and the text goes to the evaluation
// worker as it is (parsing 100 000s of rows into objects only once, where the rules run).
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { PolicyDataView } from '../policy/data-view.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

export async function loadDataView(db: Db, tenantId: string): Promise<PolicyDataView> {
  return withTenant(db, tenantId, (tx) => loadDataViewIn(tx, tenantId));
}

/** The view inside a transaction already scoped to the tenant (an API request's). */
export async function loadDataViewIn(tx: Tx, tenantId: string): Promise<PolicyDataView> {
  return JSON.parse(await loadDataViewText(tx, tenantId)) as PolicyDataView;
}

/**
 * The view as JSON text. Each row comes as its own small JSON text (one field to decode, not
 * fifteen) and the texts are joined here: one giant aggregated value would make the driver
 * copy its growing buffer again and again. Nested lists are aggregated per parent in one
 * grouped pass, not a subquery per row; rows are ordered by id so two loads are identical.
 * Scores stay text (numeric is never rounded through a float); evaluation days are the
 * tenant's local calendar days, not the server's.
 */
export async function loadDataViewText(tx: Tx, tenantId: string): Promise<string> {
  const [organizations, teachers, internships, agreements] = await Promise.all([
    sql<{ j: string }>`
      with designations as (
        select enterprise_id, json_agg(json_build_object('designation', designation, 'stage', stage, 'level', level,
            'designatedOn', designated_on, 'expiresOn', expires_on) order by designated_on, id) as list
        from enterprise_designations group by enterprise_id)
      select json_build_object('id', o.id, 'kind', o.kind, 'name', o.name, 'creditCode', o.credit_code,
          'designations', coalesce(d.list, '[]'::json))::text as j
      from organizations o left join designations d on d.enterprise_id = o.id
      order by o.id`.execute(tx),
    sql<{ j: string }>`
      with periods as (
        select teacher_id, json_agg(json_build_object('id', id, 'enterpriseId', enterprise_id, 'enterpriseName', enterprise_name,
            'startOn', start_on, 'endOn', end_on, 'rating', enterprise_rating) order by start_on, id) as list
        from teacher_practice_periods group by teacher_id)
      select json_build_object('id', t.id, 'schoolId', t.school_id, 'name', t.name, 'hireDate', t.hire_date,
          'isProfessional', t.is_professional, 'dualQualified', t.dual_qualified, 'practicePeriods', coalesce(p.list, '[]'::json))::text as j
      from teachers t left join periods p on p.teacher_id = t.id
      order by t.id`.execute(tx),
    sql<{ j: string }>`
      with evaluations as (
        select e.internship_id, e.side, json_build_object('score', e.score::text,
            'evaluatedOn', to_char(e.evaluated_at at time zone t.timezone, 'YYYY-MM-DD')) as value
        from internship_evaluations e join tenants t on t.id = e.tenant_id)
      select json_build_object('id', i.id, 'studentId', i.student_id, 'schoolId', s.school_id, 'enterpriseId', i.enterprise_id,
          'agreementId', i.agreement_id, 'kind', i.kind, 'status', i.status, 'startOn', i.start_on, 'endOn', i.end_on,
          'insurance', json_build_object('policyNumber', i.policy_number, 'start', i.insurance_start, 'end', i.insurance_end,
            'liability', i.liability_insurance, 'accident', i.accident_insurance),
          'evaluations', json_build_object('school', es.value, 'enterprise', ee.value))::text as j
      from internships i
      join students s on s.tenant_id = i.tenant_id and s.id = i.student_id
      left join evaluations es on es.internship_id = i.id and es.side = 'school'
      left join evaluations ee on ee.internship_id = i.id and ee.side = 'enterprise'
      order by i.id`.execute(tx),
    sql<{ j: string }>`
      select json_build_object('id', a.id, 'schoolId', a.school_id, 'enterpriseId', a.enterprise_id, 'majorId', a.major_id,
          'mode', a.mode, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on, 'validFrom', a.valid_from,
          'validUntil', a.valid_until)::text as j
      from agreements a
      order by a.id`.execute(tx),
  ]);
  const list = (r: { rows: { j: string }[] }) => `[${r.rows.map((row) => row.j).join(',')}]`;
  return `{"tenantId":${JSON.stringify(tenantId)},"organizations":${list(organizations)},"teachers":${list(teachers)},"internships":${list(internships)},"agreements":${list(agreements)}}`;
}
