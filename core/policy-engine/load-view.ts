// Builds a tenant's PolicyDataView from the database: one query per collection inside one
// withTenant transaction, so RLS scopes every row and the view is one consistent snapshot.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { DesignationView, EvaluationView, InternshipView, OrganizationView, PolicyDataView, PracticePeriodView, TeacherView } from '../policy/data-view.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
};

export async function loadDataView(db: Db, tenantId: string): Promise<PolicyDataView> {
  return withTenant(db, tenantId, (tx) => loadDataViewIn(tx, tenantId));
}

/** The same inside a transaction already scoped to the tenant (an API request's). */
export async function loadDataViewIn(tx: Tx, tenantId: string): Promise<PolicyDataView> {
  const [organizations, designations, teachers, periods, internships, evaluations, agreements] = await Promise.all([
    tx.selectFrom('organizations').select(['id', 'kind', 'name', 'credit_code']).orderBy('id').execute(),
    tx
      .selectFrom('enterprise_designations')
      .select(['enterprise_id', 'designation', 'stage', 'level', 'designated_on', 'expires_on'])
      .orderBy('enterprise_id')
      .orderBy('designated_on')
      .orderBy('id')
      .execute(),
    tx.selectFrom('teachers').select(['id', 'school_id', 'name', 'hire_date', 'is_professional', 'dual_qualified']).orderBy('id').execute(),
    tx
      .selectFrom('teacher_practice_periods')
      .select(['id', 'teacher_id', 'enterprise_id', 'enterprise_name', 'start_on', 'end_on', 'enterprise_rating'])
      .orderBy('teacher_id')
      .orderBy('start_on')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('internships as i')
      .innerJoin('students as s', (j) => j.onRef('s.tenant_id', '=', 'i.tenant_id').onRef('s.id', '=', 'i.student_id'))
      .select([
        'i.id', 'i.student_id', 's.school_id', 'i.enterprise_id', 'i.agreement_id', 'i.kind', 'i.status', 'i.start_on', 'i.end_on',
        'i.policy_number', 'i.insurance_start', 'i.insurance_end', 'i.liability_insurance', 'i.accident_insurance',
      ])
      .orderBy('i.id')
      .execute(),
    // The evaluation day is the tenant's local calendar day, not the server's.
    tx
      .selectFrom('internship_evaluations as e')
      .innerJoin('tenants as t', 't.id', 'e.tenant_id')
      .select(['e.internship_id', 'e.side', 'e.score', sql<string>`to_char(e.evaluated_at at time zone t.timezone, 'YYYY-MM-DD')`.as('evaluated_on')])
      .execute(),
    tx
      .selectFrom('agreements')
      .select(['id', 'school_id', 'enterprise_id', 'major_id', 'mode', 'title', 'status', 'signed_on', 'valid_from', 'valid_until'])
      .orderBy('id')
      .execute(),
  ]);

  const designationsOf = groupBy(designations, (d) => d.enterprise_id);
  const periodsOf = groupBy(periods, (p) => p.teacher_id);
  const evaluationOf = new Map<string, EvaluationView>(evaluations.map((e) => [`${e.internship_id}|${e.side}`, { score: e.score, evaluatedOn: e.evaluated_on }]));

  return {
    tenantId,
    organizations: organizations.map(
      (o): OrganizationView => ({
        id: o.id,
        kind: o.kind,
        name: o.name,
        creditCode: o.credit_code,
        designations: (designationsOf.get(o.id) ?? []).map(
          (d): DesignationView => ({ designation: d.designation, stage: d.stage, level: d.level, designatedOn: d.designated_on, expiresOn: d.expires_on }),
        ),
      }),
    ),
    teachers: teachers.map(
      (t): TeacherView => ({
        id: t.id,
        schoolId: t.school_id,
        name: t.name,
        hireDate: t.hire_date,
        isProfessional: t.is_professional,
        dualQualified: t.dual_qualified,
        practicePeriods: (periodsOf.get(t.id) ?? []).map(
          (p): PracticePeriodView => ({ id: p.id, enterpriseId: p.enterprise_id, enterpriseName: p.enterprise_name, startOn: p.start_on, endOn: p.end_on, rating: p.enterprise_rating }),
        ),
      }),
    ),
    internships: internships.map(
      (i): InternshipView => ({
        id: i.id,
        studentId: i.student_id,
        schoolId: i.school_id,
        enterpriseId: i.enterprise_id,
        agreementId: i.agreement_id,
        kind: i.kind,
        status: i.status,
        startOn: i.start_on,
        endOn: i.end_on,
        insurance: { policyNumber: i.policy_number, start: i.insurance_start, end: i.insurance_end, liability: i.liability_insurance, accident: i.accident_insurance },
        evaluations: { school: evaluationOf.get(`${i.id}|school`) ?? null, enterprise: evaluationOf.get(`${i.id}|enterprise`) ?? null },
      }),
    ),
    agreements: agreements.map((a) => ({
      id: a.id,
      schoolId: a.school_id,
      enterpriseId: a.enterprise_id,
      majorId: a.major_id,
      mode: a.mode,
      title: a.title,
      status: a.status,
      signedOn: a.signed_on,
      validFrom: a.valid_from,
      validUntil: a.valid_until,
    })),
  };
}
