// Students as a REST resource: school-scoped records whose 身份证号 is checked (GB 11643), stored
// sealed (core/crypto) and, like the phone number, shown masked to everyone (unmask-routes.ts).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defaultJson, type ResourceContext, type ResourceDef, type Row } from '../crud/resource.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { PiiKeyring } from '../crypto/pii-crypto.ts';
import { idNumberBirthDate, isValidIdNumber } from '../identifiers/id-number.ts';
import type { Translator } from '../i18n/lang.ts';
import { maskIdNumber, maskPhone } from '../privacy/masking.ts';
import { studentReadScope, studentWriteScope } from './student-access.ts';
import { studentInput } from './student-input.ts';
import { studentIdColumns, studentIdNumber } from './student-pii.ts';

// The majors module owns that table's row type; this check needs one column of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (ctx: ResourceContext) => ctx.tx as unknown as Kysely<any>;
const yearFilter = z.coerce.number().int().min(1990).max(2100);

/** The value after this write: the input's when sent (null clears), else the stored one. */
const after = (input: Record<string, unknown>, key: string, existing: Row | null, column: string) =>
  input[key] !== undefined ? input[key] : (existing?.[column] ?? null);

/** What the checks need from the database: kinds of the named organizations, schools of the named majors. */
interface StudentRefs {
  orgKind: Map<string, string>;
  majorSchool: Map<string, string>;
}

type Check = { input: Record<string, unknown>; existing: Row | null };

const ownSchoolOf = (ctx: ResourceContext) => (ctx.user.role === 'school_admin' ? ctx.user.organizationId : null);
const schoolAfter = (ctx: ResourceContext, { input, existing }: Check) => (after(input, 'schoolId', existing, 'school_id') ?? ownSchoolOf(ctx)) as string | null;
const majorAfter = ({ input, existing }: Check) => after(input, 'majorId', existing, 'major_id') as string | null;
const majorToCheck = (ctx: ResourceContext, check: Check) =>
  majorAfter(check) && schoolAfter(ctx, check) && (check.input.majorId !== undefined || check.input.schoolId !== undefined) ? majorAfter(check) : null;

/** One query per table for any number of rows (an import of 10,000 students costs two). */
async function loadRefs(ctx: ResourceContext, checks: readonly Check[]): Promise<StudentRefs> {
  const refs: StudentRefs = { orgKind: new Map(), majorSchool: new Map() };
  const schools = [...new Set(checks.map((c) => c.input.schoolId).filter((id): id is string => typeof id === 'string'))];
  const majors = [...new Set(checks.map((c) => majorToCheck(ctx, c)).filter((id): id is string => typeof id === 'string'))];
  for (let i = 0; i < schools.length; i += 1000) {
    const rows = await raw(ctx).selectFrom('organizations').select(['id', 'kind']).where('id', 'in', schools.slice(i, i + 1000)).execute();
    for (const row of rows as { id: string; kind: string }[]) refs.orgKind.set(row.id, row.kind);
  }
  for (let i = 0; i < majors.length; i += 1000) {
    const rows = await raw(ctx).selectFrom('majors').select(['id', 'school_id']).where('id', 'in', majors.slice(i, i + 1000)).execute();
    for (const row of rows as { id: string; school_id: string }[]) refs.majorSchool.set(row.id, row.school_id);
  }
  return refs;
}

function studentIssues(ctx: ResourceContext, t: Translator, pii: PiiKeyring, check: Check, refs: StudentRefs): FieldIssue[] {
  const { input, existing } = check;
  const issues: FieldIssue[] = [];
  const say = (path: string, key: string, params?: Record<string, string | number>) =>
    issues.push({ path, code: 'custom', message: t(ctx.lang, key, params) });

  const schoolId = schoolAfter(ctx, check);
  if (!schoolId) say('schoolId', 'student.schoolRequired');
  else if (typeof input.schoolId === 'string') {
    const kind = refs.orgKind.get(input.schoolId);
    if (kind === undefined) issues.push({ path: 'schoolId', code: 'reference', message: t(ctx.lang, 'error.reference') });
    else if (kind !== 'school') issues.push({ path: 'schoolId', code: 'wrong_kind', message: t(ctx.lang, 'error.wrongKind', { kind: t(ctx.lang, 'organizationKind.school') }) });
  }

  const idNumber = (input.idNumber ?? (existing ? studentIdNumber(pii, existing) : null)) as string | null;
  // A new ID number without a birth date brings its own (encode derives it), so only a sent one is compared.
  const birthDate = (input.idNumber !== undefined && input.birthDate === undefined ? null : after(input, 'birthDate', existing, 'birth_date')) as string | null;
  if (birthDate && idNumber && isValidIdNumber(idNumber) && idNumberBirthDate(idNumber) !== birthDate)
    say('birthDate', 'student.birthDateMismatch', { date: idNumberBirthDate(idNumber)! });

  // A major belongs to one school; moving the student or the major must keep them together.
  const majorId = majorToCheck(ctx, check);
  if (majorId) {
    const majorSchool = refs.majorSchool.get(majorId);
    if (majorSchool === undefined) issues.push({ path: 'majorId', code: 'reference', message: t(ctx.lang, 'error.reference') });
    else if (majorSchool !== schoolId) say('majorId', 'student.majorSchool');
  }

  const cohort = after(input, 'cohortYear', existing, 'cohort_year') as number | null;
  const graduation = after(input, 'expectedGraduationYear', existing, 'expected_graduation_year') as number | null;
  if (cohort !== null && graduation !== null && graduation < cohort) say('expectedGraduationYear', 'student.graduationBeforeCohort');
  return issues;
}

/** The students' checks for many rows at once (spreadsheet imports): the issues of each, in order. */
export async function checkStudents(ctx: ResourceContext, t: Translator, pii: PiiKeyring, checks: readonly Check[]): Promise<FieldIssue[][]> {
  const refs = await loadRefs(ctx, checks);
  return checks.map((check) => studentIssues(ctx, t, pii, check, refs));
}

export function studentResource(t: Translator, pii: PiiKeyring): ResourceDef {
  const def: ResourceDef = {
    path: 'students',
    table: 'students',
    entity: 'student',
    // The sealed number itself is never shown; its keyed hash tells the audit log that it changed.
    hiddenColumns: ['id_number', 'id_number_ciphertext', 'id_number_key_id'],
    auditSecret: ['idNumberHmac', 'phone'],
    create: studentInput,
    filters: {
      schoolId: { schema: z.uuid(), column: 'school_id' },
      majorId: { schema: z.uuid(), column: 'major_id' },
      cohortYear: { schema: yearFilter, column: 'cohort_year' },
      expectedGraduationYear: { schema: yearFilter, column: 'expected_graduation_year' },
      q: { schema: z.string().min(1).max(60), where: (eb, q: string) => eb('name', 'like', `%${q.replace(/[%_\\]/g, '\\$&')}%`) },
    },
    sorts: { name: 'name', createdAt: 'created_at' },
    access: { read: studentReadScope, write: studentWriteScope },
    validate: async (ctx, input, existing) => (await checkStudents(ctx, t, pii, [{ input, existing }]))[0]!,
    validateMany: (ctx, checks) => checkStudents(ctx, t, pii, checks),
    encode: (columns, ctx) => {
      const { id_number: idNumber, ...rest } = columns;
      if (typeof idNumber !== 'string') return rest;
      // The birth date the number encodes is kept in the clear so age checks (minors' consent) need no decryption.
      return { ...rest, birth_date: rest.birth_date ?? idNumberBirthDate(idNumber) ?? null, ...studentIdColumns(pii, ctx.tenantId, idNumber) };
    },
    toJson: (row) => {
      const { idNumberHmac: _hash, ...json } = defaultJson(def, row);
      const phone = row.phone as string | null;
      return { ...json, idNumber: maskIdNumber(studentIdNumber(pii, row)), phone: phone === null ? null : maskPhone(phone) };
    },
  };
  return def;
}
