// Row types of trainings: employee training (职工培训) given by a school or enterprise, with dates, trainees and hours.
import type { Generated } from 'kysely';

export const trainingKinds = ['employee_skills', 'pre_job', 'new_apprenticeship', 'academic', 'other'] as const;

export interface TrainingsTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  enterprise_id: string | null;
  kind: (typeof trainingKinds)[number];
  title: string;
  start_on: string;
  end_on: string;
  trainees: Generated<number>;
  /** numeric(7,1): a string from the driver. */
  hours: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
