// Row types of organizations: schools, enterprises, departments … that users belong to.
import type { Generated } from 'kysely';

export const organizationKinds = ['school', 'enterprise', 'department', 'association', 'park', 'evaluator'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const schoolLevels = ['secondary', 'higher', 'technician', 'undergraduate'] as const;
export const enterpriseSizes = ['micro', 'small', 'medium', 'large'] as const;
export const ownerships = ['state', 'collective', 'private', 'foreign', 'mixed', 'other'] as const;
export const designations = ['integration_enterprise', 'pilot_enterprise'] as const;
export const designationStages = ['pool', 'cultivating', 'certified', 'revoked'] as const;
export const designationLevels = ['national', 'provincial', 'city'] as const;

export interface OrganizationsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: OrganizationKind;
  name: string;
  short_name: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  school_level: (typeof schoolLevels)[number] | null;
  double_high: Generated<boolean>;
  demonstration: Generated<boolean>;
  credit_code: string | null;
  industry_code: string | null;
  enterprise_size: (typeof enterpriseSizes)[number] | null;
  ownership: (typeof ownerships)[number] | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EnterpriseDesignationsTable {
  tenant_id: string;
  id: Generated<string>;
  enterprise_id: string;
  designation: (typeof designations)[number];
  stage: (typeof designationStages)[number];
  level: (typeof designationLevels)[number];
  designated_on: string | null;
  expires_on: string | null;
  note: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
