// What a client sends for a student. The 身份证号 gets one message per way it can be wrong
// (shape, birth date, check digit), so a clerk knows which digit to look at.
import { z } from 'zod';
import { idNumberBirthDate, idNumberCheckChar } from '../identifiers/id-number.ts';
import { genders } from './schema.ts';

const year = z.number().int().min(1990).max(2100);

export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const key = !/^[0-9]{17}[0-9X]$/.test(value)
      ? 'student.idNumberFormat'
      : idNumberBirthDate(value) === undefined
        ? 'student.idNumberBirthDate'
        : idNumberCheckChar(value.slice(0, 17)) !== value[17]
          ? 'student.idNumberCheck'
          : undefined;
    if (key) ctx.addIssue({ code: 'custom', params: { key } });
  });

export const studentInput = z.object({
  // Filled in from a school admin's own school; the bureau names it.
  schoolId: z.uuid().optional(),
  name: z.string().trim().min(1).max(60),
  gender: z.enum(genders),
  birthDate: z.iso.date().nullish(),
  idNumber: idNumberSchema,
  phone: z.string().regex(/^[0-9+\-() ]{5,20}$/).nullish(),
  majorId: z.uuid().nullish(),
  cohortYear: year.nullish(),
  expectedGraduationYear: year.nullish(),
});
