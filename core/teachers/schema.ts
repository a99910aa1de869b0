// Row types of teachers and their enterprise practice periods (企业实践登记表).
import type { Generated } from 'kysely';

export const qualificationLevels = ['junior_worker', 'intermediate_worker', 'senior_worker', 'technician', 'senior_technician'] as const;
export const practiceRatings = ['excellent', 'good', 'pass', 'fail'] as const;

export interface TeachersTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  teacher_number: string;
  name: string;
  user_id: string | null;
  hire_date: string | null;
  subject: string | null;
  is_professional: Generated<boolean>;
  dual_qualified: Generated<boolean>;
  dual_qualified_on: string | null;
  /** numeric(4,1): a string from the driver. */
  prior_enterprise_years: Generated<string>;
  qualification_level: (typeof qualificationLevels)[number] | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TeacherPracticePeriodsTable {
  tenant_id: string;
  id: Generated<string>;
  teacher_id: string;
  enterprise_id: string | null;
  enterprise_name: string;
  start_on: string;
  end_on: string;
  content: string | null;
  enterprise_evaluation: string | null;
  enterprise_rating: (typeof practiceRatings)[number] | null;
  school_opinion: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
