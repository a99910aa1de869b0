// The yearly "minors' personal information compliance report" of a tenant (未成年人网络保护条例
// 第三十七条): what is held about minors, who saw it unmasked, consents, and requests handled.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export interface MinorsReport {
  year: number;
  held: { students: number; minors: number; fields: string[]; minorsWithLocation: number };
  access: { unmaskedReads: number; readers: number; byRole: Record<string, number>; subjectExports: number };
  consents: Record<string, { granted: number; withdrawn: number; activeAtYearEnd: number }>;
  minorPostInternshipsWithoutConsent: number;
  requests: Record<string, number>;
}

/** Fields held about a student, as stored (the ID number sealed). */
export const HELD_FIELDS = ['name', 'gender', 'birth_date', 'id_number (AES-256-GCM)', 'phone', 'school', 'major', 'cohort_year'];

export async function minorsReport(tx: Tx, year: number): Promise<MinorsReport> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  // Under 18 on some day of the year: born after 1 January of (year - 18).
  const minorBorn = `${year - 18}-01-01`;
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(tx)).rows[0]!;
  const held = await one(sql<{ students: string; minors: string; located: string }>`
    select count(*) as students,
      count(*) filter (where birth_date is null or birth_date > ${minorBorn}::date) as minors,
      count(*) filter (where (birth_date is null or birth_date > ${minorBorn}::date) and exists (
        select 1 from internship_logs l join internships i on i.id = l.internship_id and i.tenant_id = l.tenant_id
        where i.student_id = s.id and l.latitude is not null and l.week_start >= ${from}::date and l.week_start < ${to}::date)) as located
    from students s`);
  const reads = (
    await sql<{ role: string | null; n: string; readers: string }>`
      select u.role, count(*) as n, count(distinct a.actor_user_id) as readers from audit_log a
      join students s on s.id::text = a.entity_id and (s.birth_date is null or s.birth_date > ${minorBorn}::date)
      left join users u on u.id = a.actor_user_id
      where a.entity = 'student' and a.action in ('unmask', 'subject_export') and a.at >= ${from}::date and a.at < ${to}::date
      group by u.role`.execute(tx)
  ).rows;
  const exports = await one(sql<{ n: string }>`select count(*) as n from audit_log where entity = 'student' and action = 'subject_export' and at >= ${from}::date and at < ${to}::date`);
  const readers = await one(sql<{ n: string }>`select count(distinct actor_user_id) as n from audit_log where entity = 'student' and action = 'unmask' and at >= ${from}::date and at < ${to}::date`);
  const consentRows = (
    await sql<{ purpose: string; granted: string; withdrawn: string; active: string }>`
      select purpose,
        count(*) filter (where granted_on >= ${from}::date and granted_on < ${to}::date) as granted,
        count(*) filter (where withdrawn_at >= ${from}::date and withdrawn_at < ${to}::date) as withdrawn,
        count(*) filter (where granted_on < ${to}::date and (withdrawn_at is null or withdrawn_at >= ${to}::date)) as active
      from consents group by purpose`.execute(tx)
  ).rows;
  const gaps = await one(sql<{ n: string }>`
    select count(*) as n from internships i join students s on s.id = i.student_id and s.tenant_id = i.tenant_id
    where i.kind = 'post' and i.start_on >= ${from}::date and i.start_on < ${to}::date
      and (s.birth_date is null or i.start_on < s.birth_date + interval '18 years')
      and not exists (select 1 from consents c where c.student_id = s.id and c.purpose = 'post_internship' and c.granted_on <= i.start_on)`);
  const requestRows = (
    await sql<{ kind: string; n: string }>`select kind, count(*) as n from data_subject_requests where created_at >= ${from}::date and created_at < ${to}::date group by kind`.execute(tx)
  ).rows;
  const consents: MinorsReport['consents'] = { post_internship: { granted: 0, withdrawn: 0, activeAtYearEnd: 0 }, location: { granted: 0, withdrawn: 0, activeAtYearEnd: 0 } };
  for (const r of consentRows) consents[r.purpose] = { granted: Number(r.granted), withdrawn: Number(r.withdrawn), activeAtYearEnd: Number(r.active) };
  return {
    year,
    held: { students: Number(held.students), minors: Number(held.minors), fields: HELD_FIELDS, minorsWithLocation: Number(held.located) },
    access: {
      unmaskedReads: reads.reduce((a, r) => a + Number(r.n), 0),
      readers: Number(readers.n),
      byRole: Object.fromEntries(reads.map((r) => [r.role ?? 'unknown', Number(r.n)])),
      subjectExports: Number(exports.n),
    },
    consents,
    minorPostInternshipsWithoutConsent: Number(gaps.n),
    requests: { export: 0, correct: 0, delete: 0, ...Object.fromEntries(requestRows.map((r) => [r.kind, Number(r.n)])) },
  };
}
