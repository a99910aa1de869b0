// The Kysely view of the whole schema; each module owns the row types of its tables.
import type { Kysely, Transaction } from 'kysely';
import type { AgreementsTable, OrderClassesTable, OrderClassStudentsTable } from '../agreements/schema.ts';
import type { AttachmentsTable } from '../attachments/schema.ts';
import type { AuditLogTable } from '../audit/schema.ts';
import type { IndustryChainsTable, MajorClustersTable, MajorsTable, MajorYearlyStatsTable } from '../majors/schema.ts';
import type { BasesTable } from '../bases/schema.ts';
import type { EventsTable } from '../events/schema.ts';
import type { FundingRecordsTable } from '../funding/schema.ts';
import type { EnterpriseDesignationsTable, OrganizationsTable } from '../organizations/schema.ts';
import type { EvaluationRunsTable, FindingsTable, PluginErrorsTable } from '../policy-engine/schema.ts';
import type { SessionsTable } from '../sessions/schema.ts';
import type { ImportBatchesTable } from '../spreadsheets/schema.ts';
import type { StudentsTable } from '../students/schema.ts';
import type { InternshipEvaluationsTable, InternshipLogsTable, InternshipsTable } from '../internships/schema.ts';
import type { TalentDemandPostsTable } from '../talent-demand/schema.ts';
import type { TaskNotesTable, TasksTable } from '../tasks/schema.ts';
import type { TeacherPracticePeriodsTable, TeachersTable } from '../teachers/schema.ts';
import type { TrainingsTable } from '../trainings/schema.ts';
import type { TenantsTable } from '../tenancy/schema.ts';
import type { UsersTable } from '../users/schema.ts';

export interface Database {
  tenants: TenantsTable;
  organizations: OrganizationsTable;
  enterprise_designations: EnterpriseDesignationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  attachments: AttachmentsTable;
  import_batches: ImportBatchesTable;
  students: StudentsTable;
  internships: InternshipsTable;
  internship_logs: InternshipLogsTable;
  internship_evaluations: InternshipEvaluationsTable;
  industry_chains: IndustryChainsTable;
  major_clusters: MajorClustersTable;
  majors: MajorsTable;
  major_yearly_stats: MajorYearlyStatsTable;
  agreements: AgreementsTable;
  order_classes: OrderClassesTable;
  order_class_students: OrderClassStudentsTable;
  teachers: TeachersTable;
  teacher_practice_periods: TeacherPracticePeriodsTable;
  tasks: TasksTable;
  task_notes: TaskNotesTable;
  bases: BasesTable;
  trainings: TrainingsTable;
  events: EventsTable;
  funding_records: FundingRecordsTable;
  talent_demand_posts: TalentDemandPostsTable;
  findings: FindingsTable;
  plugin_errors: PluginErrorsTable;
  evaluation_runs: EvaluationRunsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
