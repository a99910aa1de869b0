// Row types of bases: training, integration, internship–employment, public training,
// career-enlightenment bases and R&D platforms, each owned by a school, enterprise or park.
import type { Generated } from 'kysely';

export const baseKinds = ['training', 'integration', 'internship_employment', 'public_training', 'career_enlightenment', 'rd_platform'] as const;
export const baseLevels = ['national', 'provincial', 'city', 'county', 'school'] as const;

export interface BasesTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  kind: (typeof baseKinds)[number];
  owner_id: string;
  partner_id: string | null;
  level: (typeof baseLevels)[number] | null;
  established_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
