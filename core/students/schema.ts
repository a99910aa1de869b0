// Row types of students: one row per student of a school, keyed in the tenant by 身份证号.
import type { ColumnType, Generated } from 'kysely';

export const genders = ['male', 'female'] as const;

export interface StudentsTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  name: string;
  gender: (typeof genders)[number];
  birth_date: string | null;
  /** Legacy plaintext, empty since migration 0009 (start-up seals what was there). */
  id_number: ColumnType<string | null, never, null>;
  /** AES-256-GCM of the 身份证号 (core/crypto), its key id, and its keyed hash for look-ups. */
  id_number_ciphertext: string;
  id_number_key_id: string;
  id_number_hmac: string;
  phone: string | null;
  major_id: string | null;
  cohort_year: number | null;
  expected_graduation_year: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
