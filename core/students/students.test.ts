// Students over the API: the 身份证号 check (GB 11643) and who sees it in full, school scopes,
// the enterprise mentor's narrow view, filters, concurrency, audit rows and the tenant wall.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, withIdNumberCheck } from '../identifiers/id-number.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Tenant } from '../tenancy/schema.ts';
import type { Role } from '../users/schema.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { idNumberBorn, makeInternship, makeMajor, makeStudent } from './test-fixtures.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
let clock: ReturnType<typeof makeTestApp>['clock'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ app, clock } = makeTestApp(tdb.handle.db));
});
afterAll(() => tdb.drop());

const db = () => tdb.handle.db;
const as = (tenant: Tenant, role: Role, organizationId?: string) => apiClient(app, db(), tenant, { role, organizationId: organizationId ?? null });
const student = (extra: Record<string, unknown> = {}) => ({ name: '王小明', gender: 'male', idNumber: idNumberBorn('2005-03-15'), ...extra });
const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();

/** A tenant with one school and its admin, the usual stage of these tests. */
async function schoolStage() {
  const tenant = await makeTenant(db());
  const school = await makeOrganization(db(), tenant, 'school', '第一职业学校');
  return { tenant, school, admin: await as(tenant, 'school_admin', school.id) };
}

describe('creating a student', () => {
  it("puts a school admin's student in its own school and answers with the ID number masked", async () => {
    const { school, admin } = await schoolStage();
    const input = student({ birthDate: '2005-03-15', cohortYear: 2023, expectedGraduationYear: 2026 });
    const res = await admin.call('POST', '/students', input);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ schoolId: school.id, idNumber: maskIdNumber(input.idNumber), birthDate: '2005-03-15', version: 1 });
  });

  it('lets the bureau create a student of any school it names, and needs that school', async () => {
    const { tenant, school } = await schoolStage();
    const bureau = await as(tenant, 'bureau_admin');
    expect((await bureau.call('POST', '/students', student({ schoolId: school.id }))).status).toBe(201);
    const without = await bureau.call('POST', '/students', student());
    expect(without.status).toBe(422);
    expect(paths(without.body)).toEqual(['schoolId']);
  });

  it('accepts a lower-case x as the check character and stores it upper-case', async () => {
    const { admin } = await schoolStage();
    let idNumber = '';
    for (let n = 100; !idNumber.endsWith('X'); n++) idNumber = withIdNumberCheck(`11010120050315${n}`);
    const res = await admin.call('POST', '/students', student({ idNumber: idNumber.toLowerCase() }));
    expect(res.status).toBe(201);
    expect((await admin.call('GET', `/students/${res.body.id}/unmasked`)).body.idNumber).toBe(idNumber);
  });

  it('names every bad field at once', async () => {
    const { admin } = await schoolStage();
    const res = await admin.call('POST', '/students', { name: '', gender: 'unknown', idNumber: '12345', phone: 'call me', cohortYear: 1800 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['cohortYear', 'gender', 'idNumber', 'name', 'phone']);
  });

  it('refuses an ID number whose check digit is wrong, saying so', async () => {
    const { admin } = await schoolStage();
    const good = idNumberBorn();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await admin.call('POST', '/students', student({ idNumber: wrong }));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'idNumber', message: expect.stringContaining('校验位') })]);
  });

  it('refuses an ID number whose birth date cannot exist, even with a correct check digit', async () => {
    const { tenant, admin } = await schoolStage();
    const impossible = withIdNumberCheck('11010120050230123');
    const res = await admin.call('POST', '/students', student({ idNumber: impossible }));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'idNumber', message: expect.stringContaining('出生日期') })]);
    const en = await (await apiClient(app, db(), tenant, { role: 'bureau_admin', lang: 'en' })).call('POST', '/students', student({ idNumber: impossible }));
    expect(en.body.issues.find((i: { path: string }) => i.path === 'idNumber').message).toMatch(/birth date/);
  });

  it('refuses a birth date other than the one the ID number encodes', async () => {
    const { admin } = await schoolStage();
    const res = await admin.call('POST', '/students', student({ idNumber: idNumberBorn('2005-03-15'), birthDate: '2005-03-16' }));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'birthDate', message: expect.stringContaining('2005-03-15') })]);
  });

  it('refuses a major of another school', async () => {
    const { tenant, admin } = await schoolStage();
    const other = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const major = await makeMajor(db(), tenant, other.id);
    const res = await admin.call('POST', '/students', student({ majorId: major.id }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['majorId']);
  });

  it('takes a graduation year equal to the cohort year and refuses one before it', async () => {
    const { admin } = await schoolStage();
    expect((await admin.call('POST', '/students', student({ cohortYear: 2024, expectedGraduationYear: 2024 }))).status).toBe(201);
    const before = await admin.call('POST', '/students', student({ cohortYear: 2024, expectedGraduationYear: 2023 }));
    expect(before.status).toBe(422);
    expect(paths(before.body)).toEqual(['expectedGraduationYear']);
  });

  it('refuses a second student with the same ID number in the tenant with 409, but not in another tenant', async () => {
    const { admin } = await schoolStage();
    const input = student();
    expect((await admin.call('POST', '/students', input)).status).toBe(201);
    expect((await admin.call('POST', '/students', { ...input, name: '同号学生' })).status).toBe(409);
    expect((await (await schoolStage()).admin.call('POST', '/students', input)).status).toBe(201);
  });

  it('writes an audit row naming the actor', async () => {
    const { tenant, admin } = await schoolStage();
    const res = await admin.call('POST', '/students', student());
    const rows = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').selectAll().where('entity', '=', 'student').where('entity_id', '=', res.body.id).execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', actor_user_id: admin.userId });
    expect(rows[0]!.changes).toMatchObject({ name: { before: null, after: '王小明' } });
  });
});

describe('masking of the ID number and phone number', () => {
  it('masks both for every role, the own school admin included', async () => {
    const { tenant, school, admin } = await schoolStage();
    const enterprise = await makeOrganization(db(), tenant, 'enterprise', '实习企业');
    const row = await makeStudent(db(), tenant, school.id, { phone: '13812345678' });
    const mentor = await as(tenant, 'enterprise_mentor', enterprise.id);
    await makeInternship(db(), tenant, { studentId: row.id, enterpriseId: enterprise.id, enterprise_mentor_user_id: mentor.userId });
    const masked = maskIdNumber(row.idNumber);
    expect(masked).toMatch(/^110\*{11}[0-9X]{4}$/);
    for (const client of [admin, await as(tenant, 'bureau_admin'), await as(tenant, 'evaluator'), await as(tenant, 'teacher', school.id), mentor]) {
      const body = (await client.call('GET', `/students/${row.id}`)).body;
      expect([body.idNumber, body.phone]).toEqual([masked, '138****5678']);
    }
  });

  it('masks them in lists too', async () => {
    const { tenant, school } = await schoolStage();
    const row = await makeStudent(db(), tenant, school.id);
    const list = await (await as(tenant, 'bureau_admin')).call('GET', '/students');
    expect(list.body.items.map((s: { idNumber: string }) => s.idNumber)).toEqual([maskIdNumber(row.idNumber)]);
  });
});

describe('unmasking', () => {
  it('shows the own school admin and the bureau the full values, and audits who saw which field of whom', async () => {
    const { tenant, school, admin } = await schoolStage();
    const row = await makeStudent(db(), tenant, school.id, { phone: '13812345678' });
    const res = await admin.call('GET', `/students/${row.id}/unmasked`);
    expect(res.body).toEqual({ id: row.id, idNumber: row.idNumber, phone: '13812345678' });
    expect((await (await as(tenant, 'bureau_admin')).call('GET', `/students/${row.id}/unmasked?fields=idNumber`)).body).toEqual({ id: row.id, idNumber: row.idNumber });
    const audit = await withTenant(db(), tenant.id, (tx) =>
      tx.selectFrom('audit_log').selectAll().where('action', '=', 'unmask').where('entity_id', '=', row.id).orderBy('chain_seq').execute(),
    );
    expect(audit.map((a) => [a.actor_user_id, Object.keys(a.changes ?? {}).sort()])).toEqual([
      [admin.userId, ['idNumber', 'phone']],
      [expect.any(String), ['idNumber']],
    ]);
    expect(JSON.stringify(audit)).not.toContain(row.idNumber);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('refuses teachers, evaluators, mentors and another school’s admin (403 or 404), and audits nothing', async () => {
    const { tenant, school } = await schoolStage();
    const other = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const row = await makeStudent(db(), tenant, school.id);
    expect((await (await as(tenant, 'teacher', school.id)).call('GET', `/students/${row.id}/unmasked`)).status).toBe(403);
    expect((await (await as(tenant, 'evaluator')).call('GET', `/students/${row.id}/unmasked`)).status).toBe(403);
    expect((await (await as(tenant, 'school_admin', other.id)).call('GET', `/students/${row.id}/unmasked`)).status).toBe(404);
    const audit = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('audit_log').select('id').where('action', '=', 'unmask').execute());
    expect(audit).toEqual([]);
  });

  it('needs a sign-in of the last 10 minutes', async () => {
    const { tenant, school, admin } = await schoolStage();
    const row = await makeStudent(db(), tenant, school.id);
    clock.advance(11 * 60 * 1000);
    const stale = await admin.call('GET', `/students/${row.id}/unmasked`);
    expect(stale.status).toBe(403);
    expect(stale.body.message).toContain('10');
    const fresh = await as(tenant, 'school_admin', school.id);
    expect((await fresh.call('GET', `/students/${row.id}/unmasked`)).status).toBe(200);
  });
});

describe('storage of the ID number', () => {
  it('holds no plaintext ID number anywhere in the students table', async () => {
    const { tenant, admin } = await schoolStage();
    const input = student();
    const created = (await admin.call('POST', '/students', input)).body;
    const inside = await withTenant(db(), tenant.id, (tx) => sql<{ t: string }>`select s::text as t from students s where id = ${created.id}`.execute(tx));
    expect(inside.rows).toHaveLength(1);
    expect(inside.rows[0]!.t).not.toContain(input.idNumber);
    expect(inside.rows[0]!.t).not.toContain(input.idNumber.slice(0, 17));
  });
});

describe('who sees and writes which students', () => {
  it("hides another school's students from a school admin and a teacher (404)", async () => {
    const { tenant, school } = await schoolStage();
    const other = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const row = await makeStudent(db(), tenant, school.id);
    for (const client of [await as(tenant, 'school_admin', other.id), await as(tenant, 'teacher', other.id)]) {
      expect((await client.call('GET', `/students/${row.id}`)).status).toBe(404);
      expect((await client.call('GET', '/students')).body.items).toEqual([]);
    }
  });

  it('refuses a school admin a student of another school on create (403)', async () => {
    const { tenant, admin } = await schoolStage();
    const other = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    expect((await admin.call('POST', '/students', student({ schoolId: other.id }))).status).toBe(403);
  });

  it('lets a teacher and an evaluator read but not write (403)', async () => {
    const { tenant, school } = await schoolStage();
    const row = await makeStudent(db(), tenant, school.id);
    for (const client of [await as(tenant, 'teacher', school.id), await as(tenant, 'evaluator')]) {
      expect((await client.call('GET', `/students/${row.id}`)).status).toBe(200);
      expect((await client.call('PATCH', `/students/${row.id}`, { name: '改名', version: 1 })).status).toBe(403);
      expect((await client.call('POST', '/students', student({ schoolId: school.id }))).status).toBe(403);
    }
  });

  it('shows an enterprise mentor only the interns assigned to them', async () => {
    const { tenant, school } = await schoolStage();
    const enterprise = await makeOrganization(db(), tenant, 'enterprise', '实习企业');
    const mentor = await as(tenant, 'enterprise_mentor', enterprise.id);
    const colleague = await as(tenant, 'enterprise_mentor', enterprise.id);
    const mine = await makeStudent(db(), tenant, school.id);
    const theirs = await makeStudent(db(), tenant, school.id);
    await makeInternship(db(), tenant, { studentId: mine.id, enterpriseId: enterprise.id, enterprise_mentor_user_id: mentor.userId });
    await makeInternship(db(), tenant, { studentId: theirs.id, enterpriseId: enterprise.id, enterprise_mentor_user_id: colleague.userId });
    expect((await mentor.call('GET', '/students')).body.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    expect((await mentor.call('GET', `/students/${theirs.id}`)).status).toBe(404);
    expect((await mentor.call('PATCH', `/students/${mine.id}`, { name: '改名', version: 1 })).status).toBe(403);
  });

  it('gives a department officer no students at all', async () => {
    const { tenant, school } = await schoolStage();
    const row = await makeStudent(db(), tenant, school.id);
    const officer = await as(tenant, 'department_officer');
    expect((await officer.call('GET', '/students')).status).toBe(403);
    expect((await officer.call('GET', `/students/${row.id}`)).status).toBe(404);
  });
});

describe('updating', () => {
  it('bumps the version and audits the change', async () => {
    const { tenant, admin } = await schoolStage();
    const created = (await admin.call('POST', '/students', student())).body;
    const res = await admin.call('PATCH', `/students/${created.id}`, { phone: '13800138000', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '138****8000', version: 2 });
    const audit = await withTenant(db(), tenant.id, (tx) =>
      tx.selectFrom('audit_log').select('changes').where('action', '=', 'update').where('entity_id', '=', created.id).executeTakeFirstOrThrow(),
    );
    expect(audit.changes).toMatchObject({ phone: { before: '[redacted]', after: '[redacted]' } });
  });

  it('checks a new birth date against the stored ID number', async () => {
    const { admin } = await schoolStage();
    const created = (await admin.call('POST', '/students', student({ idNumber: idNumberBorn('2006-01-31') }))).body;
    expect((await admin.call('PATCH', `/students/${created.id}`, { birthDate: '2006-02-01', version: 1 })).status).toBe(422);
    expect((await admin.call('PATCH', `/students/${created.id}`, { birthDate: '2006-01-31', version: 1 })).status).toBe(200);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { admin } = await schoolStage();
    const created = (await admin.call('POST', '/students', student())).body;
    await admin.call('PATCH', `/students/${created.id}`, { name: '第一次', version: 1 });
    expect((await admin.call('PATCH', `/students/${created.id}`, { name: '第二次', version: 1 })).status).toBe(409);
    expect((await admin.call('GET', `/students/${created.id}`)).body.name).toBe('第一次');
  });
});

describe('listing', () => {
  it('filters by school, major, cohort, graduation year and name', async () => {
    const { tenant, school } = await schoolStage();
    const other = await makeOrganization(db(), tenant, 'school', '第二职业学校');
    const major = await makeMajor(db(), tenant, school.id);
    await makeStudent(db(), tenant, school.id, { name: '张三', major_id: major.id, cohort_year: 2023, expected_graduation_year: 2026 });
    await makeStudent(db(), tenant, school.id, { name: '李四', cohort_year: 2024, expected_graduation_year: 2027 });
    await makeStudent(db(), tenant, other.id, { name: '张五', cohort_year: 2023, expected_graduation_year: 2026 });
    const bureau = await as(tenant, 'bureau_admin');
    const names = async (query: string) => (await bureau.call('GET', `/students?${query}`)).body.items.map((s: { name: string }) => s.name) as string[];
    expect(await names(`schoolId=${school.id}`)).toEqual(['张三', '李四']);
    expect(await names(`majorId=${major.id}`)).toEqual(['张三']);
    expect(await names('cohortYear=2023')).toEqual(['张三', '张五']);
    expect(await names('expectedGraduationYear=2027')).toEqual(['李四']);
    expect(await names(`q=${encodeURIComponent('张')}`)).toEqual(['张三', '张五']);
  });

  it('pages with a cursor and refuses a limit above 200', async () => {
    const { tenant, school } = await schoolStage();
    for (const name of ['甲', '乙', '丙']) await makeStudent(db(), tenant, school.id, { name });
    const bureau = await as(tenant, 'bureau_admin');
    const first = await bureau.call('GET', '/students?limit=2');
    const second = await bureau.call('GET', `/students?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items]).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    expect((await bureau.call('GET', '/students?limit=201')).status).toBe(422);
  });
});

describe('across tenants', () => {
  it("answers 404 for another tenant's student, for reading, changing and deleting", async () => {
    const { tenant } = await schoolStage();
    const bureau = await as(tenant, 'bureau_admin');
    const other = await schoolStage();
    const foreign = await makeStudent(db(), other.tenant, other.school.id);
    expect((await bureau.call('GET', `/students/${foreign.id}`)).status).toBe(404);
    expect((await bureau.call('PATCH', `/students/${foreign.id}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await bureau.call('DELETE', `/students/${foreign.id}?version=1`)).status).toBe(404);
  });
});

describe('the audit log of a student', () => {
  it('names a change of the ID number but never stores the number, whoever made the change', async () => {
    const { tenant, school, admin } = await schoolStage();
    const input = student();
    const created = await admin.call('POST', '/students', input);
    const bureau = await as(tenant, 'bureau_admin');
    const changed = await bureau.call('PATCH', `/students/${created.body.id}`, { idNumber: idNumberBorn('2006-01-02'), version: 1 });
    expect(changed.status).toBe(200);
    const rows = await withTenant(db(), tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'changes']).where('entity', '=', 'student').where('entity_id', '=', created.body.id).orderBy('id').execute(),
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(rows[1]!.changes).toHaveProperty('idNumberHmac', { before: '[redacted]', after: '[redacted]' });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(input.idNumber);
    void school;
  });
});
