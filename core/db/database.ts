// The Kysely view of the whole schema; each module owns the row types of its tables.
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable } from '../audit/schema.ts';
import type { EnterpriseDesignationsTable, OrganizationsTable } from '../organizations/schema.ts';
import type { SessionsTable } from '../sessions/schema.ts';
import type { TaskNotesTable, TasksTable } from '../tasks/schema.ts';
import type { TeacherPracticePeriodsTable, TeachersTable } from '../teachers/schema.ts';
import type { TenantsTable } from '../tenancy/schema.ts';
import type { UsersTable } from '../users/schema.ts';

export interface Database {
  tenants: TenantsTable;
  organizations: OrganizationsTable;
  enterprise_designations: EnterpriseDesignationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  teachers: TeachersTable;
  teacher_practice_periods: TeacherPracticePeriodsTable;
  tasks: TasksTable;
  task_notes: TaskNotesTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
