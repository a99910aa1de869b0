// When consent is needed (PIPL Art. 28–31, 未成年人网络保护条例): a student under 18 on the day in
// question needs the guardian's; location check-ins need their own consent, separate from any other.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { ConsentPurpose } from './schema.ts';

/** Under 18 on `day` (YYYY-MM-DD); unknown birth dates count as minors, the safe side. */
export function isMinorOn(birthDate: string | null, day: string): boolean {
  if (!birthDate) return true;
  const adultFrom = `${String(Number(birthDate.slice(0, 4)) + 18).padStart(4, '0')}${birthDate.slice(4)}`;
  return day < adultFrom;
}

/**
 * A consent for `purpose` granted on or before `day` and not withdrawn before it; with
 * `stillActive` (location: the position is taken as it is recorded) not withdrawn at all.
 */
export async function hasConsent(tx: Tx, studentId: string, purpose: ConsentPurpose, day: string, stillActive = false): Promise<boolean> {
  const row = await tx
    .selectFrom('consents')
    .select('id')
    .where('student_id', '=', studentId)
    .where('purpose', '=', purpose)
    .where('granted_on', '<=', day)
    .where((eb) =>
      stillActive ? eb('withdrawn_at', 'is', null) : eb.or([eb('withdrawn_at', 'is', null), eb(sql<string>`(withdrawn_at at time zone 'Asia/Shanghai')::date`, '>', day)]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A 岗位实习 (kind `post`) of a student who is a minor when it starts needs the guardian's
 * 知情同意书; true when that consent is missing.
 */
export async function lacksInternshipConsent(tx: Tx, studentId: string, kind: unknown, startOn: unknown): Promise<boolean> {
  if (kind !== 'post' || typeof startOn !== 'string') return false;
  const student = await tx.selectFrom('students').select('birth_date').where('id', '=', studentId).executeTakeFirst();
  if (!student || !isMinorOn(student.birth_date, startOn)) return false;
  return !(await hasConsent(tx, studentId, 'post_internship', startOn));
}
