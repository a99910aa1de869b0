// The read-only, tenant-scoped data a rule sees: plain facts the engine loads, no database
// handle, so a rule is a pure function of this view and the date.
import type { AgreementMode } from '../agreements/schema.ts';
import type { internshipKinds, internshipStatuses } from '../internships/schema.ts';
import type { OrganizationKind } from '../organizations/schema.ts';
import type { IsoDate } from './dates.ts';

export interface PracticePeriodView {
  id: string;
  enterpriseId: string | null;
  enterpriseName: string;
  /** Both ends included. */
  startOn: IsoDate;
  endOn: IsoDate;
  rating: 'excellent' | 'good' | 'pass' | 'fail' | null;
}

export interface TeacherView {
  id: string;
  schoolId: string;
  name: string;
  hireDate: IsoDate | null;
  isProfessional: boolean;
  dualQualified: boolean;
  practicePeriods: readonly PracticePeriodView[];
}

export interface InsuranceView {
  policyNumber: string | null;
  start: IsoDate | null;
  end: IsoDate | null;
  liability: boolean;
  accident: boolean;
}

export interface EvaluationView {
  /** numeric(5,2) from the database, kept a string so no rounding happens before a rule sees it. */
  score: string;
  evaluatedOn: IsoDate;
}

export interface InternshipView {
  id: string;
  studentId: string;
  schoolId: string;
  enterpriseId: string;
  agreementId: string | null;
  kind: (typeof internshipKinds)[number];
  status: (typeof internshipStatuses)[number];
  startOn: IsoDate;
  endOn: IsoDate;
  insurance: InsuranceView;
  /** 双主体 evaluation: one per side, null until that side has evaluated. */
  evaluations: { school: EvaluationView | null; enterprise: EvaluationView | null };
}

export interface AgreementView {
  id: string;
  schoolId: string;
  enterpriseId: string;
  majorId: string | null;
  mode: AgreementMode;
  title: string;
  status: 'draft' | 'active' | 'expired' | 'terminated';
  signedOn: IsoDate | null;
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
}

export interface DesignationView {
  designation: 'integration_enterprise' | 'pilot_enterprise';
  stage: 'pool' | 'cultivating' | 'certified' | 'revoked';
  level: 'national' | 'provincial' | 'city';
  designatedOn: IsoDate | null;
  expiresOn: IsoDate | null;
}

export interface OrganizationView {
  id: string;
  kind: OrganizationKind;
  name: string;
  creditCode: string | null;
  designations: readonly DesignationView[];
}

export interface MajorView {
  id: string;
  schoolId: string;
  code: string;
  name: string;
  clusterId: string | null;
  industryChainId: string | null;
  openedOn: IsoDate | null;
  closedOn: IsoDate | null;
  /** 产教融合专业. */
  isIntegration: boolean;
}

/** What rules may know of a student: no name, ID number or phone (PIPL: only what the checks need). */
export interface StudentView {
  id: string;
  schoolId: string;
  majorId: string | null;
  birthDate: IsoDate | null;
  cohortYear: number | null;
  expectedGraduationYear: number | null;
}

/** Amounts are numeric(14,2) kept as strings (yuan), never rounded through a float before a rule sees them. */
export interface FundingRecordView {
  id: string;
  project: string;
  year: number;
  schoolId: string | null;
  enterpriseId: string | null;
  instituteAmount: string;
  governmentAmount: string;
  enterpriseAmount: string;
  investmentAmount: string;
}

export interface PolicyDataView {
  tenantId: string;
  organizations: readonly OrganizationView[];
  teachers: readonly TeacherView[];
  internships: readonly InternshipView[];
  agreements: readonly AgreementView[];
  majors: readonly MajorView[];
  students: readonly StudentView[];
  fundingRecords: readonly FundingRecordView[];
}

/** The collections of the view; a plugin names those its rules read (`reads`) and the engine loads only those. */
export const viewCollections = ['organizations', 'teachers', 'internships', 'agreements', 'majors', 'students', 'fundingRecords'] as const;
export type ViewCollection = (typeof viewCollections)[number];

/** An empty view with `overrides` on top: fixtures name only the collections they are about. */
export function dataView(overrides: Partial<PolicyDataView> = {}): PolicyDataView {
  return { tenantId: 'fixture', organizations: [], teachers: [], internships: [], agreements: [], majors: [], students: [], fundingRecords: [], ...overrides };
}
