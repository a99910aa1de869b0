// Builds a tenant's PolicyDataView in the database, inside the tenant's transaction: RLS scopes
// every row. It travels as compact JSON text to where the rules run and is decoded there once.
import { CompiledQuery, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { viewCollections, type PolicyDataView, type ViewCollection } from '../policy/data-view.ts';
import { pipelined } from '../db/postgres-js-dialect.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { decodeDataView } from './decode-view.ts';

export async function loadDataView(db: Db, tenantId: string): Promise<PolicyDataView> {
  return withTenant(db, tenantId, (tx) => loadDataViewIn(tx, tenantId));
}

/** The view inside a transaction already scoped to the tenant (an API request's). */
export async function loadDataViewIn(tx: Tx, tenantId: string): Promise<PolicyDataView> {
  return decodeDataView(await loadDataViewText(tx, tenantId));
}

/** One collection of the view: the text of a JSON array of its rows, in decode-view.ts's column order. */
export interface ViewPart {
  name: ViewCollection;
  text: string;
}

/**
 * A view as it arrives: one promise per loaded collection, in the order the database answers
 * them, so each can be decoded while the next is still being built. Collections not loaded
 * are empty in the decoded view.
 */
export interface ViewParts {
  tenantId: string;
  parts: readonly Promise<ViewPart>[];
}

/**
 * The view as compact JSON texts; decode-view.ts names the columns. Compact: a row is an array,
 * not an object repeating its keys, and a date is a day number (an integer the parser
 * allocates nothing for). Each row is its own small JSON text (one field for the driver to
 * decode) and the texts are joined here, per collection: one giant aggregated value would make
 * the driver copy its growing buffer again and again, and one text for all collections would be
 * stored two bytes a character as soon as one name in it is Chinese (copied twice the bytes to
 * the worker, parsed slower). Nested lists are aggregated per parent in one
 * grouped pass. Only the collections in `reads` are queried (the others come back empty), and
 * with `schoolId` only that school's records.
 * Rows are ordered by id so two loads are identical. Scores stay text (numeric
 * is never rounded through a float); evaluation days are the tenant's local calendar days.
 */
export async function loadDataViewParts(tx: Tx, tenantId: string, reads: readonly ViewCollection[] = viewCollections, schoolId?: string): Promise<ViewParts> {
  const wanted = new Set(reads);
  // A school's evaluation sees its own records and every organization (enterprises are shared).
  const of = (column: string) => (schoolId === undefined ? sql`` : sql`where ${sql.ref(column)} = ${schoolId}::uuid`);
  const queries: Record<ViewCollection, () => Promise<{ rows: { j: string }[] }>> = {
    organizations: () => sql<{ j: string }>`
      with designations as (
        select enterprise_id, json_agg(json_build_array(designation, stage, level, designated_on - ${EPOCH}::date, expires_on - ${EPOCH}::date)
          order by designated_on, id) as list
        from enterprise_designations group by enterprise_id)
      select json_build_array(o.id, o.kind, o.name, o.credit_code, d.list)::text as j
      from organizations o left join designations d on d.enterprise_id = o.id
      order by o.id`.execute(tx),
    // The two big collections write their JSON by concatenation (ids, enums and numbers need no
    // escaping; free text goes through to_json): ~12 % less server time than json_build_array,
    // and no blank after each comma. Same rows, same decoder.
    teachers: () => sql<{ j: string }>`
      with periods as (
        select teacher_id, '[' || string_agg('["' || id || '",' || coalesce('"' || enterprise_id || '"', 'null') || ',' || to_json(enterprise_name)::text
            || ',' || (start_on - ${EPOCH}::date) || ',' || (end_on - ${EPOCH}::date) || ',' || coalesce('"' || enterprise_rating || '"', 'null') || ']',
          ',' order by start_on, id) || ']' as list
        from teacher_practice_periods group by teacher_id)
      select '["' || t.id || '","' || t.school_id || '",' || to_json(t.name)::text || ',' || coalesce((t.hire_date - ${EPOCH}::date)::text, 'null')
        || ',' || t.is_professional::text || ',' || t.dual_qualified::text || ',' || coalesce(p.list, 'null') || ']' as j
      from teachers t left join periods p on p.teacher_id = t.id
      ${of('t.school_id')}
      order by t.id`.execute(tx),
    internships: () => sql<{ j: string }>`
      select '["' || i.id || '","' || i.student_id || '","' || s.school_id || '","' || i.enterprise_id || '",'
          || coalesce('"' || i.agreement_id || '"', 'null') || ',"' || i.kind || '","' || i.status || '",'
          || (i.start_on - ${EPOCH}::date) || ',' || (i.end_on - ${EPOCH}::date) || ',' || coalesce(to_json(i.policy_number)::text, 'null')
          || ',' || coalesce((i.insurance_start - ${EPOCH}::date)::text, 'null') || ',' || coalesce((i.insurance_end - ${EPOCH}::date)::text, 'null')
          || ',' || i.liability_insurance::text || ',' || i.accident_insurance::text
          || ',' || coalesce('"' || es.score || '",' || ((es.evaluated_at at time zone tz.timezone)::date - ${EPOCH}::date), 'null,null')
          || ',' || coalesce('"' || ee.score || '",' || ((ee.evaluated_at at time zone tz.timezone)::date - ${EPOCH}::date), 'null,null') || ']' as j
      from internships i
      cross join (select timezone from tenants where id = ${tenantId}::uuid) tz
      join students s on s.tenant_id = i.tenant_id and s.id = i.student_id
      left join internship_evaluations es on es.tenant_id = i.tenant_id and es.internship_id = i.id and es.side = 'school'
      left join internship_evaluations ee on ee.tenant_id = i.tenant_id and ee.internship_id = i.id and ee.side = 'enterprise'
      ${of('s.school_id')}
      order by i.id`.execute(tx),
    agreements: () => sql<{ j: string }>`
      select json_build_array(a.id, a.school_id, a.enterprise_id, a.major_id, a.mode, a.title, a.status,
          a.signed_on - ${EPOCH}::date, a.valid_from - ${EPOCH}::date, a.valid_until - ${EPOCH}::date)::text as j
      from agreements a
      ${of('a.school_id')}
      order by a.id`.execute(tx),
    majors: () => sql<{ j: string }>`
      select json_build_array(m.id, m.school_id, m.code, m.name, m.cluster_id, m.industry_chain_id,
          m.opened_on - ${EPOCH}::date, m.closed_on - ${EPOCH}::date, m.is_integration)::text as j
      from majors m
      ${of('m.school_id')}
      order by m.id`.execute(tx),
    // Only what the checks need of a minor: no name, ID number or phone ever leaves the table.
    students: () => sql<{ j: string }>`
      select json_build_array(s.id, s.school_id, s.major_id, s.birth_date - ${EPOCH}::date, s.cohort_year, s.expected_graduation_year)::text as j
      from students s
      ${of('s.school_id')}
      order by s.id`.execute(tx),
    fundingRecords: () => sql<{ j: string }>`
      select json_build_array(f.id, f.project, f.year, f.school_id, f.enterprise_id, f.institute_amount::text, f.government_amount::text,
          f.enterprise_amount::text, f.investment_amount::text)::text as j
      from funding_records f
      ${of('f.school_id')}
      order by f.id`.execute(tx),
  };
  // The nested lists and the id order are sorts over 100 000s of rows: in memory, not on disk.
  // Not waited for: it travels with the first query.
  await tx.executeQuery(pipelined(CompiledQuery.raw("select set_config('work_mem', '64MB', true)")));
  // All sent at once (one connection answers them in order); the biggest first, so its rows
  // are being decoded while the database still builds the next collection's.
  const order = [...viewCollections].sort((a, b) => LOAD_ORDER.indexOf(a) - LOAD_ORDER.indexOf(b)).filter((name) => wanted.has(name));
  const parts = order.map(async (name): Promise<ViewPart> => ({ name, text: `[${(await queries[name]()).rows.map((row) => row.j).join(',')}]` }));
  // Awaited by the caller in order; until then a failed query must not count as unhandled.
  for (const part of parts) part.catch(() => undefined);
  return { tenantId, parts };
}

/** The whole view as one compact JSON text (decodeDataView reads it). */
export async function loadDataViewText(tx: Tx, tenantId: string, reads: readonly ViewCollection[] = viewCollections, schoolId?: string): Promise<string> {
  const view = await loadDataViewParts(tx, tenantId, reads, schoolId);
  const parts = await Promise.all(view.parts);
  const texts = viewCollections.map((name) => `${JSON.stringify(name)}:${parts.find((p) => p.name === name)?.text ?? '[]'}`);
  return `{"tenantId":${JSON.stringify(tenantId)},${texts.join(',')}}`;
}

/** Largest first: internships and teachers are 100 000s of rows, the rest are small. */
const LOAD_ORDER: readonly ViewCollection[] = ['internships', 'teachers', 'students', 'agreements', 'organizations', 'majors', 'fundingRecords'];

/** Day numbers count from here (decode-view.ts turns them back into dates). */
const EPOCH = '1970-01-01';
