// Row types of consents (guardian 知情同意书, location check-ins) and data-subject requests.
import type { ColumnType, Generated } from 'kysely';

export const consentPurposes = ['post_internship', 'location'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export interface ConsentsTable {
  tenant_id: string;
  id: Generated<string>;
  student_id: string;
  purpose: ConsentPurpose;
  given_by: 'guardian' | 'student';
  consenter_name: string;
  relation: string | null;
  granted_on: string;
  attachment_id: string | null;
  withdrawn_at: Date | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export const requestKinds = ['export', 'correct', 'delete'] as const;

export interface DataSubjectRequestsTable {
  tenant_id: string;
  id: Generated<string>;
  student_id: string | null;
  kind: (typeof requestKinds)[number];
  reason: string;
  fields: ColumnType<string[], string[] | undefined, string[]>;
  retained: ColumnType<unknown[], string | undefined, string>;
  handled_by: string | null;
  created_at: Generated<Date>;
}
