// Domain checks of an internship write: the student is one the caller may place, the agreement
// binds that school and enterprise, each mentor belongs to the right side, dates are in order.
import { lacksInternshipConsent } from '../privacy/consent-checks.ts';
import type { Kysely } from 'kysely';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceContext, Row } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';

// agreements and teachers belong to other modules; these checks need two columns of each.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (ctx: ResourceContext) => ctx.tx as unknown as Kysely<any>;

/** The value after this write: the input's when sent (null clears), else the stored one. */
const after = (input: Record<string, unknown>, key: string, existing: Row | null, column: string) =>
  (input[key] !== undefined ? input[key] : (existing?.[column] ?? null)) as string | null;

export async function checkInternship(ctx: ResourceContext, t: Translator, input: Record<string, unknown>, existing: Row | null) {
  const issues: FieldIssue[] = [];
  const say = (path: string, key: string) => issues.push({ path, code: 'custom', message: t(ctx.lang, key) });
  const missing = (path: string) => issues.push({ path, code: 'reference', message: t(ctx.lang, 'error.reference') });
  const changed = (...keys: string[]) => keys.some((k) => input[k] !== undefined);

  const studentId = after(input, 'studentId', existing, 'student_id');
  let schoolId: string | undefined;
  if (studentId) {
    let q = ctx.tx.selectFrom('students').select('school_id').where('id', '=', studentId);
    // A school admin places only its own students; another school's student is as if absent.
    if (ctx.user.role === 'school_admin') q = q.where('school_id', '=', ctx.user.organizationId ?? '00000000-0000-0000-0000-000000000000');
    schoolId = (await q.executeTakeFirst())?.school_id;
    if (!schoolId && changed('studentId')) missing('studentId');
  }

  const enterpriseId = after(input, 'enterpriseId', existing, 'enterprise_id');
  issues.push(...(await checkOrganizationRefs(ctx, (k, p) => t(ctx.lang, k, p), [{ field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] }])));

  const agreementId = after(input, 'agreementId', existing, 'agreement_id');
  if (agreementId && changed('agreementId', 'studentId', 'enterpriseId')) {
    const agreement = await raw(ctx).selectFrom('agreements').select(['school_id', 'enterprise_id']).where('id', '=', agreementId).executeTakeFirst();
    if (!agreement) missing('agreementId');
    else if ((schoolId && agreement.school_id !== schoolId) || agreement.enterprise_id !== enterpriseId) say('agreementId', 'internship.agreementParties');
  }

  const startOn = after(input, 'startOn', existing, 'start_on');
  const endOn = after(input, 'endOn', existing, 'end_on');
  if (startOn && endOn && endOn < startOn) say('endOn', 'internship.endBeforeStart');
  // A minor's 岗位实习 needs the guardian's 知情同意书 on record first (core/privacy).
  if (schoolId && changed('studentId', 'kind', 'startOn') && (await lacksInternshipConsent(ctx.tx, studentId as string, after(input, 'kind', existing, 'kind'), startOn)))
    say('studentId', 'privacy.internshipConsentMissing');
  const coverStart = after(input, 'insuranceStart', existing, 'insurance_start');
  const coverEnd = after(input, 'insuranceEnd', existing, 'insurance_end');
  if (coverStart && coverEnd && coverEnd < coverStart) say('insuranceEnd', 'internship.insuranceEndBeforeStart');

  const schoolMentorId = after(input, 'schoolMentorId', existing, 'school_mentor_id');
  if (schoolMentorId && changed('schoolMentorId', 'studentId')) {
    const teacher = await raw(ctx).selectFrom('teachers').select('school_id').where('id', '=', schoolMentorId).executeTakeFirst();
    if (!teacher) missing('schoolMentorId');
    else if (schoolId && teacher.school_id !== schoolId) say('schoolMentorId', 'internship.schoolMentor');
  }

  const mentorUserId = after(input, 'enterpriseMentorUserId', existing, 'enterprise_mentor_user_id');
  if (mentorUserId && changed('enterpriseMentorUserId', 'enterpriseId')) {
    const mentor = await ctx.tx.selectFrom('users').select(['role', 'organization_id']).where('id', '=', mentorUserId).executeTakeFirst();
    if (!mentor) missing('enterpriseMentorUserId');
    else if (mentor.role !== 'enterprise_mentor' || mentor.organization_id !== enterpriseId) say('enterpriseMentorUserId', 'internship.enterpriseMentor');
  }
  return issues;
}
