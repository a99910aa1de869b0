// Row types of internships (认识 / 跟岗 / 岗位), their weekly logs and the two-sided evaluation.
import type { Generated } from 'kysely';

export const internshipKinds = ['cognitive', 'shadow', 'post'] as const;
export const internshipStatuses = ['planned', 'ongoing', 'completed', 'terminated'] as const;
export const evaluationSides = ['school', 'enterprise'] as const;
export type EvaluationSide = (typeof evaluationSides)[number];

export interface InternshipsTable {
  tenant_id: string;
  id: Generated<string>;
  student_id: string;
  kind: (typeof internshipKinds)[number];
  enterprise_id: string;
  agreement_id: string | null;
  position: string | null;
  start_on: string;
  end_on: string;
  school_mentor_id: string | null;
  enterprise_mentor_user_id: string | null;
  enterprise_mentor_name: string | null;
  monthly_pay: string | null;
  insurer: string | null;
  policy_number: string | null;
  insurance_start: string | null;
  insurance_end: string | null;
  liability_insurance: Generated<boolean>;
  accident_insurance: Generated<boolean>;
  status: Generated<(typeof internshipStatuses)[number]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface InternshipLogsTable {
  tenant_id: string;
  id: Generated<string>;
  internship_id: string;
  week_start: string;
  content: string;
  author_user_id: string | null;
  created_at: Generated<Date>;
  /** Where the intern checked in (numeric, as strings); only with the location consent. */
  latitude: string | null;
  longitude: string | null;
}

export interface InternshipEvaluationsTable {
  tenant_id: string;
  internship_id: string;
  side: EvaluationSide;
  score: string;
  comment: string | null;
  evaluator_user_id: string;
  evaluated_at: Generated<Date>;
  version: Generated<number>;
}
