// Row types of organizations: schools, enterprises, departments … that users belong to.
import type { Generated } from 'kysely';

export const organizationKinds = ['school', 'enterprise', 'department', 'association', 'park', 'evaluator'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface OrganizationsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: OrganizationKind;
  name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
