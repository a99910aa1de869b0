// Row types of students: one row per student of a school, keyed in the tenant by 身份证号.
import type { Generated } from 'kysely';

export const genders = ['male', 'female'] as const;

export interface StudentsTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  name: string;
  gender: (typeof genders)[number];
  birth_date: string | null;
  id_number: string;
  phone: string | null;
  major_id: string | null;
  cohort_year: number | null;
  expected_graduation_year: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
