// The subjects a school's evaluation speaks for: the school itself and its teachers, their
// practice periods, its students' internships, its agreements and its funding records (as `type:id`, see subjectRef).
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export async function schoolSubjects(tx: Tx, schoolId: string): Promise<Set<string>> {
  const { rows } = await sql<{ ref: string }>`
    select 'organization:' || ${schoolId}::text as ref
    union all select 'teacher:' || t.id from teachers t where t.school_id = ${schoolId}::uuid
    union all select 'practice-period:' || p.id from teacher_practice_periods p
      join teachers t on t.tenant_id = p.tenant_id and t.id = p.teacher_id where t.school_id = ${schoolId}::uuid
    union all select 'internship:' || i.id from internships i
      join students s on s.tenant_id = i.tenant_id and s.id = i.student_id where s.school_id = ${schoolId}::uuid
    union all select 'agreement:' || a.id from agreements a where a.school_id = ${schoolId}::uuid
    union all select 'funding-record:' || f.id from funding_records f where f.school_id = ${schoolId}::uuid`.execute(tx);
  return new Set(rows.map((r) => r.ref));
}
