// Row types of school–enterprise agreements, order classes and their students, with the
// cooperation modes and kinds the migration's checks allow.
import type { Generated } from 'kysely';

export const agreementModes = [
  'order_class',
  'work_study_alternation',
  'post_internship',
  'work_study_program',
  'course_co_development',
  'pre_job_training',
  'modern_apprenticeship',
  'enterprise_apprenticeship',
  'shared_training_base',
  'employee_training',
  'joint_rd',
  'teacher_practice_host',
] as const;
export type AgreementMode = (typeof agreementModes)[number];
export const agreementStatuses = ['draft', 'active', 'expired', 'terminated'] as const;
export const orderClassKinds = ['directed', 'named', 'order'] as const;

export interface AgreementsTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  enterprise_id: string;
  major_id: string | null;
  mode: AgreementMode;
  title: string;
  signed_on: string | null;
  valid_from: string | null;
  valid_until: string | null;
  status: Generated<(typeof agreementStatuses)[number]>;
  attachment_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface OrderClassesTable {
  tenant_id: string;
  id: Generated<string>;
  agreement_id: string;
  name: string;
  kind: (typeof orderClassKinds)[number];
  cohort_year: number;
  planned_count: Generated<number>;
  enrolled_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface OrderClassStudentsTable {
  tenant_id: string;
  order_class_id: string;
  student_id: string;
}
