// The records a reference field may point at (select options, or suggestions and name lookup when
// there are too many for a select) and the names of referenced ids in a list, read under RLS in
// the request's transaction. School roles see their school's.
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

export const isRefKind = (k: string): k is RefKind => Object.hasOwn(tables, k);

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

/**
 * Up to this many choices a reference is a plain <select>. With more, it becomes a text box with
 * suggestions (a <datalist>, refreshed from the server as the user types when scripts run): the
 * user types part of a name and picks, or types the name and the server resolves it on submit.
 */
export const SELECT_LIMIT = 300;
const SUGGESTIONS = 30;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (tx: Tx) => tx as unknown as Kysely<any>;

export interface Option {
  id: string;
  label: string;
}

/** Set on a list of options that was cut short: the form shows a search box instead of a select. */
export interface RefSearch {
  kind: RefKind;
  total: number;
}
export type RefOptions = readonly Option[] & { readonly search?: RefSearch };

// Majors read as "460104 机电技术应用"; the rest by their name or title.
const labelSql = (ref: RefTable) => (ref.label === 'code name' ? sql<string>`concat(code, ' ', name)` : sql<string>`${sql.ref(ref.label)}::text`);
const labelOf = (ref: RefTable) => labelSql(ref).as('label');

function scoped(tx: Tx, kind: RefKind, user: SessionUser) {
  const ref = tables[kind];
  let q = any(tx).selectFrom(ref.table);
  if (ref.where) q = q.where(ref.where[0], '=', ref.where[1]);
  if (ref.schoolColumn && (user.role === 'school_admin' || user.role === 'teacher') && user.organizationId) q = q.where(ref.schoolColumn, '=', user.organizationId);
  return q;
}

export async function refOptions(tx: Tx, kind: RefKind, user: SessionUser): Promise<RefOptions> {
  const rows = (await scoped(tx, kind, user).select(['id', labelOf(tables[kind])]).orderBy('label').limit(SELECT_LIMIT + 1).execute()) as Option[];
  if (rows.length <= SELECT_LIMIT) return rows;
  const { total } = (await scoped(tx, kind, user).select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow());
  return Object.assign(rows.slice(0, SUGGESTIONS).map((o) => ({ id: o.id, label: searchLabel(o) })), { search: { kind, total: Number(total) } });
}

/** "王伟 · 3f2a9c1b": names repeat, so a suggestion carries the start of its id to stay unique. */
export const searchLabel = (o: Option) => `${o.label} · ${o.id.slice(0, 8)}`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The first matches of `q` (anywhere in the label, case-insensitive), for the suggestion list. */
export async function searchRefOptions(tx: Tx, kind: RefKind, user: SessionUser, q: string): Promise<Option[]> {
  const ref = tables[kind];
  const text = q.trim().slice(0, 100);
  let query = scoped(tx, kind, user).select(['id', labelOf(ref)]);
  if (text) query = query.where(sql<boolean>`${labelSql(ref)} ilike ${`%${escapeLike(text)}%`}`);
  const rows = (await query.orderBy('label').limit(SUGGESTIONS).execute()) as Option[];
  return rows.map((o) => ({ id: o.id, label: searchLabel(o) }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns what a search box posted (a suggestion "name · id-start", a bare name, or an id) into the
 * record's id, in place. A name that matches nothing or several records is returned as a problem
 * of that field, in the user's words, so the form can say so beside it.
 */
export async function resolveRefInputs(
  tx: Tx,
  user: SessionUser,
  kinds: Readonly<Record<string, RefKind>>,
  fields: readonly { name: string; kind: string }[],
  input: Record<string, unknown>,
  message: (key: 'ref.noMatch' | 'ref.ambiguous', text: string) => string,
): Promise<{ path: string; code: string; message: string }[]> {
  const issues: { path: string; code: string; message: string }[] = [];
  for (const field of fields) {
    const kind = kinds[field.name];
    const value = input[field.name];
    if (!kind || field.kind !== 'ref' || typeof value !== 'string' || value === '' || UUID.test(value)) continue;
    const suffix = /^(.*) · ([0-9a-f]{8})$/i.exec(value);
    const name = (suffix ? suffix[1]! : value).trim();
    let q = scoped(tx, kind, user).select(['id', labelOf(tables[kind])]).where(sql<boolean>`lower(${labelSql(tables[kind])}) = lower(${name})`);
    if (suffix) q = q.where(sql<boolean>`id::text like ${`${suffix[2]!.toLowerCase()}%`}`);
    const rows = (await q.limit(2).execute()) as Option[];
    if (rows.length === 1) input[field.name] = rows[0]!.id;
    else issues.push({ path: field.name, code: 'custom', message: message(rows.length === 0 ? 'ref.noMatch' : 'ref.ambiguous', name) });
  }
  return issues;
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
