// Row types of talent demand posts: an enterprise's open positions by 专业目录 major code.
import type { Generated } from 'kysely';

export const demandStatuses = ['open', 'filled', 'closed'] as const;

export interface TalentDemandPostsTable {
  tenant_id: string;
  id: Generated<string>;
  enterprise_id: string;
  position: string;
  major_codes: Generated<string[]>;
  headcount: number;
  period_start: string;
  period_end: string;
  description: string | null;
  status: Generated<(typeof demandStatuses)[number]>;
  posted_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
