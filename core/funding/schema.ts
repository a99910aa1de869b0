// Row types of funding records: a project's contributions by institute, government and enterprise, and its investment.
import type { Generated } from 'kysely';

export interface FundingRecordsTable {
  tenant_id: string;
  id: Generated<string>;
  project: string;
  year: number;
  school_id: string | null;
  enterprise_id: string | null;
  /** numeric(14,2) amounts: strings from the driver. */
  institute_amount: Generated<string>;
  government_amount: Generated<string>;
  enterprise_amount: Generated<string>;
  investment_amount: Generated<string>;
  note: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
