// The records a reference field may point at (select options) and the names of referenced ids
// in a list, read under RLS in the request's transaction. School roles see their school's.
import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import type { SessionUser } from '../../../core/sessions/session-service.ts';

export type RefKind =
  | 'school'
  | 'enterprise'
  | 'department'
  | 'organization'
  | 'industryChain'
  | 'cluster'
  | 'major'
  | 'agreement'
  | 'teacher'
  | 'student'
  | 'mentorUser'
  | 'teacherUser'
  | 'orderClass';

interface RefTable {
  table: string;
  label: string;
  where?: [column: string, value: string];
  /** Rows of the user's school only, for school roles. */
  schoolColumn?: string;
}

const tables: Record<RefKind, RefTable> = {
  school: { table: 'organizations', label: 'name', where: ['kind', 'school'] },
  enterprise: { table: 'organizations', label: 'name', where: ['kind', 'enterprise'] },
  department: { table: 'organizations', label: 'name', where: ['kind', 'department'] },
  organization: { table: 'organizations', label: 'name' },
  industryChain: { table: 'industry_chains', label: 'name' },
  cluster: { table: 'major_clusters', label: 'name', schoolColumn: 'school_id' },
  major: { table: 'majors', label: 'code name', schoolColumn: 'school_id' },
  agreement: { table: 'agreements', label: 'title', schoolColumn: 'school_id' },
  teacher: { table: 'teachers', label: 'name', schoolColumn: 'school_id' },
  student: { table: 'students', label: 'name', schoolColumn: 'school_id' },
  mentorUser: { table: 'users', label: 'display_name', where: ['role', 'enterprise_mentor'] },
  teacherUser: { table: 'users', label: 'display_name', where: ['role', 'teacher'] },
  orderClass: { table: 'order_classes', label: 'name' },
};

const MAX_OPTIONS = 500;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (tx: Tx) => tx as unknown as Kysely<any>;

export interface Option {
  id: string;
  label: string;
}

// Majors read as "460104 机电技术应用"; the rest by their name or title.
const labelOf = (ref: RefTable) => (ref.label === 'code name' ? sql<string>`concat(code, ' ', name)` : sql<string>`${sql.ref(ref.label)}::text`).as('label');

export async function refOptions(tx: Tx, kind: RefKind, user: SessionUser): Promise<Option[]> {
  const ref = tables[kind];
  let q = any(tx)
    .selectFrom(ref.table)
    .select(['id', labelOf(ref)]);
  if (ref.where) q = q.where(ref.where[0], '=', ref.where[1]);
  if (ref.schoolColumn && (user.role === 'school_admin' || user.role === 'teacher') && user.organizationId) q = q.where(ref.schoolColumn, '=', user.organizationId);
  return (await q.orderBy('label').limit(MAX_OPTIONS).execute());
}

export async function refLabels(tx: Tx, kind: RefKind, ids: readonly unknown[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const ref = tables[kind];
  const rows = (await any(tx)
    .selectFrom(ref.table)
    .select(['id', labelOf(ref)])
    .where('id', 'in', wanted)
    .execute()) as Option[];
  return new Map(rows.map((r) => [r.id, r.label]));
}
