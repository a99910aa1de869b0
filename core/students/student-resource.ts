// Students as a REST resource: school-scoped records whose 身份证号 is checked (GB 11643), stored
// sealed (core/crypto) and, like the phone number, shown masked to everyone (unmask-routes.ts).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkOrganizationRefs } from '../crud/references.ts';
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

async function checkStudent(ctx: ResourceContext, t: Translator, pii: PiiKeyring, input: Record<string, unknown>, existing: Row | null) {
  const issues: FieldIssue[] = [];
  const say = (path: string, key: string, params?: Record<string, string | number>) =>
    issues.push({ path, code: 'custom', message: t(ctx.lang, key, params) });

  const ownSchool = ctx.user.role === 'school_admin' ? ctx.user.organizationId : null;
  const schoolId = (after(input, 'schoolId', existing, 'school_id') ?? ownSchool) as string | null;
  if (!schoolId) say('schoolId', 'student.schoolRequired');
  else issues.push(...(await checkOrganizationRefs(ctx, (k, p) => t(ctx.lang, k, p), [{ field: 'schoolId', id: input.schoolId, kinds: ['school'] }])));

  const idNumber = (input.idNumber ?? (existing ? studentIdNumber(pii, existing) : null)) as string | null;
  // A new ID number without a birth date brings its own (encode derives it), so only a sent one is compared.
  const birthDate = (input.idNumber !== undefined && input.birthDate === undefined ? null : after(input, 'birthDate', existing, 'birth_date')) as string | null;
  if (birthDate && idNumber && isValidIdNumber(idNumber) && idNumberBirthDate(idNumber) !== birthDate)
    say('birthDate', 'student.birthDateMismatch', { date: idNumberBirthDate(idNumber)! });

  // A major belongs to one school; moving the student or the major must keep them together.
  const majorId = after(input, 'majorId', existing, 'major_id') as string | null;
  if (majorId && schoolId && (input.majorId !== undefined || input.schoolId !== undefined)) {
    const major = await raw(ctx).selectFrom('majors').select('school_id').where('id', '=', majorId).executeTakeFirst();
    if (!major) issues.push({ path: 'majorId', code: 'reference', message: t(ctx.lang, 'error.reference') });
    else if (major.school_id !== schoolId) say('majorId', 'student.majorSchool');
  }

  const cohort = after(input, 'cohortYear', existing, 'cohort_year') as number | null;
  const graduation = after(input, 'expectedGraduationYear', existing, 'expected_graduation_year') as number | null;
  if (cohort !== null && graduation !== null && graduation < cohort) say('expectedGraduationYear', 'student.graduationBeforeCohort');
  return issues;
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
    validate: (ctx, input, existing) => checkStudent(ctx, t, pii, input, existing),
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
