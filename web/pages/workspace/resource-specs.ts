// How each resource appears as pages: list columns, filters shown, which fields reference other
// records, and the catalog prefix of each enum's labels. The resource itself (schema, scopes,
// checks) is the same ResourceDef the JSON API serves.
import { agreementResource } from '../../../core/agreements/agreement-resource.ts';
import { orderClassResource } from '../../../core/agreements/order-class-resource.ts';
import { baseResource } from '../../../core/bases/base-resource.ts';
import type { ResourceDef } from '../../../core/crud/resource.ts';
import { eventResource } from '../../../core/events/event-resource.ts';
import { fundingResource } from '../../../core/funding/funding-resource.ts';
import type { AppDeps } from '../../../core/http/app-env.ts';
import { internshipResource } from '../../../core/internships/internship-resource.ts';
import { industryChainResource } from '../../../core/majors/industry-chain-resource.ts';
import { majorClusterResource } from '../../../core/majors/major-cluster-resource.ts';
import { majorResource } from '../../../core/majors/major-resource.ts';
import { organizationResource } from '../../../core/organizations/organization-resource.ts';
import { studentResource } from '../../../core/students/student-resource.ts';
import { demandPostResource } from '../../../core/talent-demand/demand-post-resource.ts';
import { taskResource } from '../../../core/tasks/task-resource.ts';
import { practicePeriodResource } from '../../../core/teachers/practice-period-resource.ts';
import { teacherResource } from '../../../core/teachers/teacher-resource.ts';
import { trainingResource } from '../../../core/trainings/training-resource.ts';
import type { RefKind } from '../shared/ref-options.ts';

export interface ResourcePageSpec {
  def: ResourceDef;
  /** Fields (camelCase, as the API returns them) shown as list columns; the first links to the record. */
  columns: readonly string[];
  /** Filters of the resource offered above the list. */
  filters: readonly string[];
  /** Per-resource enum label prefixes (e.g. kind → baseKind), over the shared ones. */
  enums?: Readonly<Record<string, string>>;
  /** Fields never shown in the form (attachments are uploaded elsewhere). */
  hidden?: readonly string[];
  /** Import spec name, when the entity can be imported from a spreadsheet. */
  importEntity?: string;
}

/** Reference fields (and filters) by name, the same everywhere. */
export const refFields: Readonly<Record<string, RefKind>> = {
  schoolId: 'school',
  enterpriseId: 'enterprise',
  partnerId: 'organization',
  ownerId: 'organization',
  providerId: 'organization',
  organiserId: 'organization',
  leadUnitId: 'department',
  coUnitIds: 'department',
  industryChainId: 'industryChain',
  clusterId: 'cluster',
  majorId: 'major',
  agreementId: 'agreement',
  teacherId: 'teacher',
  schoolMentorId: 'teacher',
  studentId: 'student',
  enterpriseMentorUserId: 'mentorUser',
  userId: 'teacherUser',
};

/** Enum fields whose labels are shared across resources. */
export const sharedEnums: Readonly<Record<string, string>> = {
  mode: 'agreementMode',
  schoolLevel: 'schoolLevel',
  enterpriseSize: 'enterpriseSize',
  ownership: 'ownership',
  qualificationLevel: 'qualificationLevel',
  enterpriseRating: 'practiceRating',
  level: 'baseLevel',
  gender: 'gender',
};

export function resourcePageSpecs(deps: Pick<AppDeps, 't' | 'clock' | 'config'>): ReadonlyMap<string, ResourcePageSpec> {
  const { t, clock } = deps;
  const attachments = ['attachmentId', 'minutesAttachmentId'];
  const specs: ResourcePageSpec[] = [
    {
      def: organizationResource(t),
      columns: ['name', 'kind', 'creditCode', 'industryCode', 'contactName'],
      filters: ['kind', 'q'],
      enums: { kind: 'organizationKind' },
      importEntity: 'organizations',
    },
    { def: industryChainResource(), columns: ['name', 'industryCodes', 'description'], filters: [] },
    { def: majorClusterResource(t), columns: ['name', 'schoolId', 'industryChainId'], filters: ['schoolId', 'industryChainId'] },
    { def: majorResource(t), columns: ['code', 'name', 'schoolId', 'clusterId', 'industryChainId', 'isIntegration'], filters: ['schoolId', 'clusterId', 'industryChainId', 'isIntegration'], importEntity: 'majors' },
    {
      def: agreementResource(t, clock),
      columns: ['title', 'mode', 'schoolId', 'enterpriseId', 'validUntil', 'status'],
      filters: ['mode', 'status', 'schoolId', 'enterpriseId', 'expiringWithinDays'],
      enums: { status: 'agreementStatus' },
      hidden: attachments,
      importEntity: 'agreements',
    },
    { def: orderClassResource(t), columns: ['name', 'kind', 'agreementId', 'cohortYear', 'plannedCount', 'enrolledCount'], filters: ['kind', 'cohortYear'], enums: { kind: 'orderClassKind' } },
    { def: studentResource(t, deps.config.pii), columns: ['name', 'gender', 'schoolId', 'majorId', 'cohortYear', 'idNumber'], filters: ['q', 'schoolId', 'majorId', 'expectedGraduationYear'], importEntity: 'students' },
    {
      def: internshipResource(t),
      columns: ['studentId', 'kind', 'enterpriseId', 'startOn', 'endOn', 'insured', 'status'],
      filters: ['kind', 'status', 'enterpriseId', 'schoolId', 'activeOn'],
      enums: { kind: 'internshipKind', status: 'internshipStatus' },
      importEntity: 'internships',
    },
    {
      def: teacherResource(t),
      columns: ['name', 'teacherNumber', 'schoolId', 'dualQualified', 'qualificationLevel'],
      filters: ['q', 'schoolId', 'dualQualified', 'qualificationLevel'],
      importEntity: 'teachers',
    },
    {
      def: practicePeriodResource(t),
      columns: ['teacherId', 'enterpriseName', 'startOn', 'endOn', 'enterpriseRating'],
      filters: ['teacherId', 'enterpriseId'],
      importEntity: 'teacher-practice-periods',
    },
    { def: baseResource(t), columns: ['name', 'kind', 'level', 'ownerId', 'partnerId', 'establishedOn'], filters: ['kind', 'level'], enums: { kind: 'baseKind' } },
    { def: trainingResource(t), columns: ['title', 'kind', 'providerId', 'startOn', 'trainees', 'hours'], filters: ['kind', 'startsFrom'], enums: { kind: 'trainingKind' } },
    { def: eventResource(t), columns: ['title', 'kind', 'heldOn', 'organiserId', 'attendeeCount'], filters: ['kind', 'heldFrom', 'heldUntil'], enums: { kind: 'eventKind' }, hidden: attachments },
    { def: fundingResource(t), columns: ['project', 'year', 'schoolId', 'enterpriseId', 'investmentAmount'], filters: ['year', 'schoolId', 'enterpriseId'] },
    { def: demandPostResource(t), columns: ['position', 'enterpriseId', 'majorCodes', 'headcount', 'periodEnd', 'status'], filters: ['status', 'enterpriseId', 'majorCode'], enums: { status: 'demandStatus' } },
    { def: taskResource(t), columns: ['title', 'leadUnitId', 'dueOn', 'status', 'progress'], filters: ['status', 'leadUnitId', 'dueBefore'], enums: { status: 'taskStatus' } },
  ];
  return new Map(specs.map((s) => [s.def.path, s]));
}
