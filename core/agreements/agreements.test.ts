// Agreements, order classes and their students over the API: validation, the expiry filter on
// the tenant's calendar, who may read and write, optimistic concurrency, audit, the tenant wall.
import { studentIdColumns } from '../students/student-pii.ts';
import { testPii } from '../../test/support/test-pii.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { withIdNumberCheck } from '../identifiers/id-number.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Role } from '../users/schema.ts';
import { isMessageKey, translate } from '../../web/i18n/index.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { agreementModes } from './schema.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  // The test clock reads 2026-03-01T08:00Z: 16:00 on 1 March in Asia/Shanghai.
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

interface Created {
  id: string;
  agreementId: string;
  mode: string;
  validUntil: string | null;
}
const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();
let seq = 0;

/** A tenant with a school and an enterprise, the bureau's client, and a client of `role` at the school. */
const setup = async (role: Role = 'bureau_admin', testApp = app) => {
  const db = tdb.handle.db;
  const tenant = await makeTenant(db);
  const school = await makeOrganization(db, tenant, 'school', '第一职业学校');
  const enterprise = await makeOrganization(db, tenant, 'enterprise', '某制造企业');
  const bureau = await apiClient(testApp, db, tenant);
  const api = role === 'bureau_admin' ? bureau : await apiClient(testApp, db, tenant, { role, organizationId: school.id });
  const agreement = async (extra: Record<string, unknown> = {}) =>
    (await bureau.call('POST', '/agreements', { schoolId: school.id, enterpriseId: enterprise.id, mode: 'order_class', title: '订单培养协议', ...extra })).body as Created;
  const orderClass = async (extra: Record<string, unknown> = {}) =>
    (await bureau.call('POST', '/order-classes', { agreementId: (await agreement()).id, name: '某企业订单班', kind: 'order', cohortYear: 2025, ...extra })).body as Created;
  return { tenant, school, enterprise, bureau, api, agreement, orderClass };
};

async function makeStudent(db: Db, tenant: Tenant, schoolId: string, name = '张三') {
  const idNumber = withIdNumberCheck(`11010120050101${String(100 + seq++).slice(-3)}`);
  return withTenant(db, tenant.id, async (tx) => {
    const sealed = studentIdColumns(testPii, tenant.id, idNumber);
    const { rows } = await sql<{ id: string }>`insert into students (tenant_id, school_id, name, gender, id_number_ciphertext, id_number_key_id, id_number_hmac)
      values (${tenant.id}, ${schoolId}, ${name}, 'male', ${sealed.id_number_ciphertext}, ${sealed.id_number_key_id}, ${sealed.id_number_hmac}) returning id`.execute(tx);
    return rows[0]!;
  });
}
const auditRows = (tenantId: string, entity: string) =>
  withTenant(tdb.handle.db, tenantId, (tx) => tx.selectFrom('audit_log').selectAll().where('entity', '=', entity).orderBy('id').execute());

describe('creating an agreement', () => {
  it('stores school, enterprise, major, mode and dates, answers 201 and writes an audit row', async () => {
    const { tenant, api, school, enterprise } = await setup();
    const major = (await api.call('POST', '/majors', { schoolId: school.id, code: '460104', name: '机电' })).body;
    const res = await api.call('POST', '/agreements', {
      schoolId: school.id,
      enterpriseId: enterprise.id,
      majorId: major.id,
      mode: 'modern_apprenticeship',
      title: '现代学徒制合作协议',
      signedOn: '2025-08-20',
      validFrom: '2025-09-01',
      validUntil: '2028-08-31',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ majorId: major.id, mode: 'modern_apprenticeship', status: 'active', validUntil: '2028-08-31', version: 1 });
    const rows = await auditRows(tenant.id, 'agreement');
    expect(rows).toMatchObject([{ action: 'create', entity_id: res.body.id, actor_user_id: api.userId }]);
  });

  it('accepts each of the twelve cooperation modes, each labelled in both languages', async () => {
    const { agreement } = await setup();
    for (const mode of agreementModes) {
      expect((await agreement({ mode })).mode).toBe(mode);
      expect(isMessageKey(`agreementMode.${mode}`)).toBe(true);
      expect(translate('en', `agreementMode.${mode}`)).not.toBe(translate('zh-CN', `agreementMode.${mode}`));
    }
  });

  it('names every bad field at once', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/agreements', { schoolId: 'x', enterpriseId: 'y', mode: 'apprentice', title: '', validFrom: '2025-13-01', status: 'signed' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['enterpriseId', 'mode', 'schoolId', 'status', 'title', 'validFrom']);
  });

  it('refuses a school and an enterprise given the wrong way round', async () => {
    const { api, school, enterprise } = await setup();
    const res = await api.call('POST', '/agreements', { schoolId: enterprise.id, enterpriseId: school.id, mode: 'joint_rd', title: '联合研发' });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'schoolId', code: 'wrong_kind' }),
      expect.objectContaining({ path: 'enterpriseId', code: 'wrong_kind' }),
    ]);
  });

  it('refuses a major of another school', async () => {
    const { tenant, api, school, enterprise } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const major = (await api.call('POST', '/majors', { schoolId: other.id, code: '460104', name: '机电' })).body;
    const res = await api.call('POST', '/agreements', { schoolId: school.id, enterpriseId: enterprise.id, majorId: major.id, mode: 'order_class', title: '协议' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['majorId']);
  });

  it('accepts a validity that ends on the day it starts', async () => {
    const { agreement } = await setup();
    expect((await agreement({ validFrom: '2026-01-01', validUntil: '2026-01-01' })).validUntil).toBe('2026-01-01');
  });

  it('refuses a validity that ends one day before it starts', async () => {
    const { bureau, school, enterprise } = await setup();
    const res = await bureau.call('POST', '/agreements', { schoolId: school.id, enterpriseId: enterprise.id, mode: 'joint_rd', title: '联合研发', validFrom: '2026-01-01', validUntil: '2025-12-31' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['validUntil']);
  });
});

describe('updating an agreement', () => {
  it('checks a new end of validity against the stored start', async () => {
    const { api, agreement } = await setup();
    const a = await agreement({ validFrom: '2026-01-01' });
    const res = await api.call('PATCH', `/agreements/${a.id}`, { validUntil: '2025-12-31', version: 1 });
    expect(paths(res.body)).toEqual(['validUntil']);
  });

  it('refuses a stale version with 409 and keeps the first change', async () => {
    const { api, agreement } = await setup();
    const a = await agreement();
    expect((await api.call('PATCH', `/agreements/${a.id}`, { status: 'terminated', version: 1 })).body.version).toBe(2);
    expect((await api.call('PATCH', `/agreements/${a.id}`, { status: 'draft', version: 1 })).status).toBe(409);
    expect((await api.call('GET', `/agreements/${a.id}`)).body.status).toBe('terminated');
  });

  it('refuses to move an agreement with order classes off the order-class mode', async () => {
    const { api, orderClass } = await setup();
    const oc = await orderClass();
    const res = await api.call('PATCH', `/agreements/${oc.agreementId}`, { mode: 'joint_rd', version: 1 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['mode']);
  });
});

describe('listing agreements', () => {
  it('filters by school, enterprise, mode and status', async () => {
    const { tenant, api, school, enterprise, agreement } = await setup();
    const otherSchool = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const otherEnterprise = await makeOrganization(tdb.handle.db, tenant, 'enterprise', '另一企业');
    await agreement({ title: 'A', mode: 'joint_rd' });
    await agreement({ title: 'B', mode: 'post_internship', status: 'draft' });
    await agreement({ title: 'C', schoolId: otherSchool.id, enterpriseId: otherEnterprise.id });
    const titles = async (query: string) => {
      const { body } = await api.call('GET', `/agreements?sort=title&${query}`);
      return (body.items as { title: string }[]).map((a) => a.title);
    };
    expect(await titles(`schoolId=${school.id}`)).toEqual(['A', 'B']);
    expect(await titles(`enterpriseId=${enterprise.id}`)).toEqual(['A', 'B']);
    expect(await titles('mode=post_internship')).toEqual(['B']);
    expect(await titles('status=active')).toEqual(['A', 'C']);
  });

  it("finds those expiring within N days of the tenant's today, both ends included", async () => {
    const { api, agreement } = await setup();
    for (const [title, validUntil] of [['yesterday', '2026-02-28'], ['today', '2026-03-01'], ['day 30', '2026-03-31'], ['day 31', '2026-04-01'], ['open', null]] as const)
      await agreement({ title, validUntil });
    const res = await api.call('GET', '/agreements?expiringWithinDays=30&sort=title');
    expect(res.body.items.map((a: { title: string }) => a.title)).toEqual(['day 30', 'today']);
  });

  it("counts today on the tenant's calendar, not UTC's", async () => {
    // 17:00 UTC on 28 February is already 1 March in Asia/Shanghai.
    const late = makeTestApp(tdb.handle.db, { start: '2026-02-28T17:00:00Z' }).app;
    const { api, agreement } = await setup('bureau_admin', late);
    await agreement({ title: 'ends 28 Feb', validUntil: '2026-02-28' });
    await agreement({ title: 'ends 1 Mar', validUntil: '2026-03-01' });
    const res = await api.call('GET', '/agreements?expiringWithinDays=0');
    expect(res.body.items.map((a: { title: string }) => a.title)).toEqual(['ends 1 Mar']);
  });

  it('refuses a negative number of days', async () => {
    const { api } = await setup();
    const res = await api.call('GET', '/agreements?expiringWithinDays=-1');
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['expiringWithinDays']);
  });
});

describe('who may see and write agreements', () => {
  it('lets a school admin sign for its own school but not for another (403)', async () => {
    const { tenant, api, school, enterprise } = await setup('school_admin');
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const body = { enterpriseId: enterprise.id, mode: 'order_class', title: '协议' };
    expect((await api.call('POST', '/agreements', { ...body, schoolId: school.id })).status).toBe(201);
    expect((await api.call('POST', '/agreements', { ...body, schoolId: other.id })).status).toBe(403);
  });

  it("hides another school's agreements from a school admin (404)", async () => {
    const { tenant, enterprise, bureau } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const theirs = (await bureau.call('POST', '/agreements', { schoolId: other.id, enterpriseId: enterprise.id, mode: 'joint_rd', title: '他校协议' })).body;
    const api = await apiClient(app, tdb.handle.db, tenant, { role: 'school_admin' });
    expect((await api.call('GET', '/agreements')).body.items).toEqual([]);
    expect((await api.call('GET', `/agreements/${theirs.id}`)).status).toBe(404);
  });

  it("lets a teacher read its school's agreements but answers 403 to a change", async () => {
    const { api, agreement } = await setup('teacher');
    const a = await agreement();
    expect((await api.call('GET', `/agreements/${a.id}`)).status).toBe(200);
    expect((await api.call('PATCH', `/agreements/${a.id}`, { title: 'x', version: 1 })).status).toBe(403);
  });

  it('gives the evaluator read access only and enterprise mentors none', async () => {
    const evaluator = await setup('evaluator');
    await evaluator.agreement();
    expect((await evaluator.api.call('GET', '/agreements')).body.items).toHaveLength(1);
    expect((await evaluator.api.call('POST', '/agreements', { schoolId: evaluator.school.id, enterpriseId: evaluator.enterprise.id, mode: 'joint_rd', title: 'x' })).status).toBe(403);
    const mentor = await setup('enterprise_mentor');
    expect((await mentor.api.call('GET', '/agreements')).status).toBe(403);
  });

  it("answers 404 for another tenant's agreement and order class", async () => {
    const { api } = await setup();
    const other = await setup();
    const oc = await other.orderClass();
    expect((await api.call('GET', `/agreements/${oc.agreementId}`)).status).toBe(404);
    expect((await api.call('PATCH', `/agreements/${oc.agreementId}`, { title: 'x', version: 1 })).status).toBe(404);
    expect((await api.call('GET', `/order-classes/${oc.id}`)).status).toBe(404);
    expect((await api.call('GET', `/order-classes/${oc.id}/students`)).status).toBe(404);
  });
});

describe('order classes', () => {
  it('are recorded under an order-class agreement with counts and an audit row', async () => {
    const { tenant, api, agreement } = await setup();
    const a = await agreement();
    const res = await api.call('POST', '/order-classes', { agreementId: a.id, name: '某企业冠名班', kind: 'named', cohortYear: 2025, plannedCount: 40, enrolledCount: 38 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'named', cohortYear: 2025, plannedCount: 40, enrolledCount: 38, version: 1 });
    expect(await auditRows(tenant.id, 'order_class')).toMatchObject([{ action: 'create', entity_id: res.body.id }]);
  });

  it('refuse an agreement of another mode', async () => {
    const { api, agreement } = await setup();
    const a = await agreement({ mode: 'post_internship' });
    const res = await api.call('POST', '/order-classes', { agreementId: a.id, name: '班', kind: 'order', cohortYear: 2025 });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'agreementId', message: expect.stringContaining('订单培养') })]);
  });

  it('name every bad field at once', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/order-classes', { agreementId: 'x', name: '', kind: 'sponsored', cohortYear: 1989, plannedCount: -1 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['agreementId', 'cohortYear', 'kind', 'name', 'plannedCount']);
  });

  it("are refused to a school admin for another school's agreement, as if it were not there", async () => {
    const { tenant, enterprise, bureau } = await setup();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const theirs = (await bureau.call('POST', '/agreements', { schoolId: other.id, enterpriseId: enterprise.id, mode: 'order_class', title: '他校' })).body;
    const api = await apiClient(app, tdb.handle.db, tenant, { role: 'school_admin' });
    const res = await api.call('POST', '/order-classes', { agreementId: theirs.id, name: '班', kind: 'order', cohortYear: 2025 });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'agreementId', code: 'reference' })]);
  });

  it("are listed to a school admin for its own school only, by the agreement's school", async () => {
    const { tenant, api, orderClass, enterprise, bureau } = await setup('school_admin');
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const mine = await orderClass();
    const theirAgreement = (await bureau.call('POST', '/agreements', { schoolId: other.id, enterpriseId: enterprise.id, mode: 'order_class', title: '他校' })).body;
    const theirs = (await bureau.call('POST', '/order-classes', { agreementId: theirAgreement.id, name: '他校班', kind: 'order', cohortYear: 2025 })).body;
    expect((await api.call('GET', '/order-classes')).body.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    expect((await api.call('GET', `/order-classes/${theirs.id}`)).status).toBe(404);
    expect((await bureau.call('GET', `/order-classes?schoolId=${other.id}`)).body.items.map((o: { id: string }) => o.id)).toEqual([theirs.id]);
  });

  it("let a school admin change its own school's class, and refuse a stale version with 409", async () => {
    const { api, orderClass } = await setup('school_admin');
    const oc = await orderClass();
    expect((await api.call('PATCH', `/order-classes/${oc.id}`, { enrolledCount: 35, version: 1 })).body).toMatchObject({ enrolledCount: 35, version: 2 });
    expect((await api.call('PATCH', `/order-classes/${oc.id}`, { enrolledCount: 36, version: 1 })).status).toBe(409);
  });

  it('are read by a teacher of the school, who may not change them (403)', async () => {
    const { api, orderClass } = await setup('teacher');
    const oc = await orderClass();
    expect((await api.call('GET', `/order-classes/${oc.id}`)).status).toBe(200);
    expect((await api.call('PATCH', `/order-classes/${oc.id}`, { name: 'x', version: 1 })).status).toBe(403);
  });
});

describe('students of an order class', () => {
  it('are added and listed, leaving the recorded enrolled count as it was', async () => {
    const { tenant, api, school, orderClass } = await setup('school_admin');
    const oc = await orderClass({ enrolledCount: 30 });
    const student = await makeStudent(tdb.handle.db, tenant, school.id, '李四');
    const res = await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id });
    expect(res.status).toBe(201);
    expect((await api.call('GET', `/order-classes/${oc.id}/students`)).body.items).toEqual([expect.objectContaining({ studentId: student.id, name: '李四' })]);
    expect((await api.call('GET', `/order-classes/${oc.id}`)).body.enrolledCount).toBe(30);
  });

  it('refuse a student of another school with 422', async () => {
    const { tenant, api, orderClass } = await setup();
    const oc = await orderClass();
    const other = await makeOrganization(tdb.handle.db, tenant, 'school', '第二职业学校');
    const student = await makeStudent(tdb.handle.db, tenant, other.id);
    const res = await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'studentId', message: expect.stringContaining('学校') })]);
  });

  it('refuse an unknown student with 422 and the same student twice with 409', async () => {
    const { tenant, api, school, orderClass } = await setup();
    const oc = await orderClass();
    const unknown = await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues).toEqual([expect.objectContaining({ path: 'studentId', code: 'reference' })]);
    const student = await makeStudent(tdb.handle.db, tenant, school.id);
    await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id });
    expect((await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id })).status).toBe(409);
  });

  it('are removed once (204), then 404, with an audit row for each change', async () => {
    const { tenant, api, school, orderClass } = await setup();
    const oc = await orderClass();
    const student = await makeStudent(tdb.handle.db, tenant, school.id);
    await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id });
    expect((await api.call('DELETE', `/order-classes/${oc.id}/students/${student.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/order-classes/${oc.id}/students/${student.id}`)).status).toBe(404);
    const rows = await auditRows(tenant.id, 'order_class_student');
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['create', `${oc.id}/${student.id}`],
      ['delete', `${oc.id}/${student.id}`],
    ]);
  });

  it('may be read but not changed by a teacher (403), and not be seen by another school (404)', async () => {
    const { tenant, api, school, orderClass } = await setup('teacher');
    const oc = await orderClass();
    const student = await makeStudent(tdb.handle.db, tenant, school.id);
    expect((await api.call('GET', `/order-classes/${oc.id}/students`)).status).toBe(200);
    expect((await api.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id })).status).toBe(403);
    const stranger = await apiClient(app, tdb.handle.db, tenant, { role: 'school_admin' });
    expect((await stranger.call('POST', `/order-classes/${oc.id}/students`, { studentId: student.id })).status).toBe(404);
  });
});
