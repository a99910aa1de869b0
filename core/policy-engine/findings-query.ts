// Reading stored findings: filters, the school a finding belongs to (for school roles), counts by
// severity for dashboards, most severe and newest first.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import type { Severity, SubjectType } from '../policy/finding.ts';
import type { FindingRow } from './describe-finding.ts';

export interface FindingFilter {
  status: 'open' | 'resolved' | 'all';
  severity?: Severity;
  pluginId?: string;
  ruleId?: string;
  subjectType?: SubjectType;
  subjectId?: string;
  /** Only findings about this school or its teachers, internships, agreements, funding records. */
  schoolId?: string;
}

/** The school a finding's subject belongs to, if any; one expression so it can filter in SQL. */
function belongsToSchool(eb: ExpressionBuilder<Database, 'findings'>, schoolId: string) {
  return eb.or([
    eb.and([eb('findings.subject_type', '=', 'organization'), eb('findings.subject_id', '=', schoolId)]),
    eb.and([
      eb('findings.subject_type', '=', 'teacher'),
      eb.exists(eb.selectFrom('teachers as t').select(sql`1`.as('one')).whereRef(sql`t.id::text`, '=', 'findings.subject_id').where('t.school_id', '=', schoolId)),
    ]),
    eb.and([
      eb('findings.subject_type', '=', 'practice-period'),
      eb.exists(
        eb
          .selectFrom('teacher_practice_periods as p')
          .innerJoin('teachers as t', (j) => j.onRef('t.tenant_id', '=', 'p.tenant_id').onRef('t.id', '=', 'p.teacher_id'))
          .select(sql`1`.as('one'))
          .whereRef(sql`p.id::text`, '=', 'findings.subject_id')
          .where('t.school_id', '=', schoolId),
      ),
    ]),
    eb.and([
      eb('findings.subject_type', '=', 'internship'),
      eb.exists(
        eb
          .selectFrom('internships as i')
          .innerJoin('students as s', (j) => j.onRef('s.tenant_id', '=', 'i.tenant_id').onRef('s.id', '=', 'i.student_id'))
          .select(sql`1`.as('one'))
          .whereRef(sql`i.id::text`, '=', 'findings.subject_id')
          .where('s.school_id', '=', schoolId),
      ),
    ]),
    eb.and([
      eb('findings.subject_type', '=', 'agreement'),
      eb.exists(eb.selectFrom('agreements as a').select(sql`1`.as('one')).whereRef(sql`a.id::text`, '=', 'findings.subject_id').where('a.school_id', '=', schoolId)),
    ]),
    eb.and([
      eb('findings.subject_type', '=', 'funding-record'),
      eb.exists(eb.selectFrom('funding_records as f').select(sql`1`.as('one')).whereRef(sql`f.id::text`, '=', 'findings.subject_id').where('f.school_id', '=', schoolId)),
    ]),
  ]);
}

function filtered(tx: Tx, f: FindingFilter) {
  let q = tx.selectFrom('findings');
  if (f.status === 'open') q = q.where('resolved_at', 'is', null);
  if (f.status === 'resolved') q = q.where('resolved_at', 'is not', null);
  if (f.severity) q = q.where('severity', '=', f.severity);
  if (f.pluginId) q = q.where('plugin_id', '=', f.pluginId);
  if (f.ruleId) q = q.where('rule_id', '=', f.ruleId);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.schoolId) {
    const schoolId = f.schoolId;
    q = q.where((eb) => belongsToSchool(eb, schoolId));
  }
  return q;
}

const SEVERITY_RANK = sql<number>`case severity when 'violation' then 0 when 'warning' then 1 else 2 end`;

export async function listFindings(tx: Tx, f: FindingFilter, page: { limit: number; offset: number }): Promise<FindingRow[]> {
  return filtered(tx, f).selectAll().orderBy(SEVERITY_RANK).orderBy('first_seen_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countFindings(tx: Tx, f: FindingFilter): Promise<Record<Severity, number>> {
  const rows = await filtered(tx, f).select(['severity', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('severity').execute();
  const counts: Record<Severity, number> = { violation: 0, warning: 0, info: 0 };
  for (const r of rows) counts[r.severity] = Number(r.n);
  return counts;
}

export async function findFinding(tx: Tx, id: string, schoolId?: string): Promise<FindingRow | undefined> {
  return filtered(tx, { status: 'all', schoolId }).selectAll().where('id', '=', id).executeTakeFirst();
}
