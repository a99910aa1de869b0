// Row types of industry chains, major clusters, majors and their yearly figures.
import type { Generated } from 'kysely';

export interface IndustryChainsTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  description: string | null;
  industry_codes: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface MajorClustersTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  name: string;
  industry_chain_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface MajorsTable {
  tenant_id: string;
  id: Generated<string>;
  school_id: string;
  code: string;
  name: string;
  cluster_id: string | null;
  industry_chain_id: string | null;
  opened_on: string | null;
  closed_on: string | null;
  is_integration: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface MajorYearlyStatsTable {
  tenant_id: string;
  major_id: string;
  year: number;
  enrolment: Generated<number>;
  graduates: number | null;
  /** numeric(5,2): read back as a string, so no precision is lost on the way. */
  employment_rate: string | number | null;
}
