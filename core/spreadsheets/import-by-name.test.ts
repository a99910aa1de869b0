// A sheet names other records the way people do: a school by its name, a major by its code
// within the row's school, a student by 身份证号, an enterprise by its credit code. The import
// turns those names into ids, reports a name that matches nothing or more than one record
// (never guesses), and an export writes the names back so the file imports again as updates.
import { studentIdNumber } from '../students/student-pii.ts';
import { testPii } from '../../test/support/test-pii.ts';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCreditCodeCheck } from '../identifiers/credit-code.ts';
import { withIdNumberCheck } from '../identifiers/id-number.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { makeOrganization, makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { importSpecs, internshipsImport, studentsImport, teachersImport } from './import-specs.ts';
import { readWorkbook } from './read-workbook.ts';
import { writeWorkbook } from './write-workbook.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

let seq = 0;
const creditCode = () => withCreditCodeCheck(`9137032${String(1_000_000_000 + seq++).slice(-10)}`);
/** A valid 身份证号 (北京市东城区, born 2005-03-15) and the same number with its check digit changed. */
const idNumber = () => withIdNumberCheck(`11010120050315${String(100 + (seq++ % 900))}`);
const withWrongCheckDigit = (valid: string) => valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');

type Cell = string | number | null;

async function setup() {
  const tenant = await makeTenant(tdb.handle.db);
  const user = await makeUser(tdb.handle.db, tenant, { role: 'bureau_admin' });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  const request = (method: string, path: string, body?: FormData) =>
    app.request(`/api/v1/t/${tenant.slug}${path}`, { method, headers: { cookie, origin: TEST_ORIGIN }, ...(body ? { body } : {}) });
  const previewFile = async (entity: string, file: Uint8Array<ArrayBuffer>) => {
    const form = new FormData();
    form.set('file', new File([file], `${entity}.xlsx`));
    const res = await request('POST', `/imports/${entity}/preview`, form);
    return { status: res.status, body: await json(res) };
  };
  /** Uploads a sheet whose header row is `headers` and returns the preview. */
  const upload = async (entity: string, headers: string[], rows: Cell[][]) =>
    previewFile(entity, await writeWorkbook('sheet', headers.map((header) => ({ header, text: true })), rows));
  const confirm = async (batchId: string) => {
    const res = await request('POST', `/imports/batches/${batchId}/confirm`);
    return { status: res.status, body: await json(res) };
  };
  const school = async (name: string) => (await makeOrganization(tdb.handle.db, tenant, 'school', name)).id;
  const enterprise = async (code = creditCode()) =>
    withTenant(tdb.handle.db, tenant.id, async (tx) => {
      const row = await tx
        .insertInto('organizations')
        .values({ tenant_id: tenant.id, kind: 'enterprise', name: `企业${code.slice(-6)}`, credit_code: code })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, code };
    });
  return { tenant, request, upload, previewFile, confirm, school, enterprise };
}

const rowsOf = (tenant: Tenant, table: 'teachers' | 'students' | 'internships' | 'majors') =>
  withTenant(tdb.handle.db, tenant.id, (tx) =>
    (tx as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().execute(),
  ) as Promise<Record<string, unknown>[]>;

async function makeMajor(tenant: Tenant, schoolId: string, code: string) {
  return withTenant(tdb.handle.db, tenant.id, async (tx) =>
    (await tx.insertInto('majors').values({ tenant_id: tenant.id, school_id: schoolId, code, name: `专业${code}` }).returning('id').executeTakeFirstOrThrow()).id,
  );
}

const TEACHER_HEADERS = ['学校', '工号', '姓名'];

describe('teachers named by school name and 工号', () => {
  it('creates each teacher in the school the 学校 column names', async () => {
    const { tenant, upload, confirm, school } = await setup();
    const north = await school('北城职业学校');
    const south = await school('南城职业学校');
    const preview = await upload('teachers', TEACHER_HEADERS, [
      ['北城职业学校', 'T001', '张老师'],
      ['南城职业学校', 'T002', '李老师'],
    ]);
    expect(preview.body).toMatchObject({ creates: 2, updates: 0, errors: [] });
    expect(await confirm(preview.body.batchId)).toEqual({ status: 200, body: { created: 2, updated: 0 } });
    const bySchool = Object.fromEntries((await rowsOf(tenant, 'teachers')).map((r) => [r.teacher_number, r.school_id]));
    expect(bySchool).toEqual({ T001: north, T002: south });
  });

  it('previews the same sheet uploaded again as updates, matched on 工号', async () => {
    const { upload, confirm, school } = await setup();
    await school('北城职业学校');
    const rows = [
      ['北城职业学校', 'T001', '张老师'],
      ['北城职业学校', 'T002', '李老师'],
    ];
    await confirm((await upload('teachers', TEACHER_HEADERS, rows)).body.batchId);
    const again = await upload('teachers', TEACHER_HEADERS, rows);
    expect(again.body).toMatchObject({ creates: 0, updates: 2, errors: [] });
  });

  it('reports a school name that matches no school with its row and the column 学校', async () => {
    const { upload, school } = await setup();
    await school('北城职业学校');
    const preview = await upload('teachers', TEACHER_HEADERS, [
      ['北城职业学校', 'T001', '张老师'],
      ['不存在的学校', 'T002', '李老师'],
    ]);
    expect(preview.body.creates).toBe(1);
    expect(preview.body.errors).toEqual([{ row: 3, column: '学校', message: expect.any(String) }]);
  });

  it('reports a name two schools share with its row and the column 学校 instead of picking one', async () => {
    const { upload, school } = await setup();
    await school('实验学校');
    await school('实验学校');
    const preview = await upload('teachers', TEACHER_HEADERS, [['实验学校', 'T001', '张老师']]);
    expect(preview.body.creates).toBe(0);
    expect(preview.body.errors).toEqual([{ row: 2, column: '学校', message: expect.any(String) }]);
  });

  it('names the school that matches nothing in the message', async () => {
    const { upload } = await setup();
    const preview = await upload('teachers', TEACHER_HEADERS, [['不存在的学校', 'T001', '张老师']]);
    expect(preview.body.errors[0].message).toContain('不存在的学校');
  });

  it('names the ambiguous school in the message', async () => {
    const { upload, school } = await setup();
    await school('实验学校');
    await school('实验学校');
    const preview = await upload('teachers', TEACHER_HEADERS, [['实验学校', 'T001', '张老师']]);
    expect(preview.body.errors[0].message).toContain('实验学校');
  });

  it('words a missing name and an ambiguous name differently', async () => {
    const { upload, school } = await setup();
    await school('实验学校');
    await school('实验学校');
    const preview = await upload('teachers', TEACHER_HEADERS, [
      ['实验学校', 'T001', '张老师'],
      ['不存在的学校', 'T002', '李老师'],
    ]);
    const [ambiguous, missing] = preview.body.errors as { message: string }[];
    expect(ambiguous!.message.replace('实验学校', '')).not.toBe(missing!.message.replace('不存在的学校', ''));
  });
});

const STUDENT_HEADERS = ['学校', '姓名', '性别', '身份证号', '专业代码'];

describe('students named by 身份证号, their major by code within the school', () => {
  it("lets a school admin leave out 学校: rows are in the admin's own school and 专业代码 resolves there", async () => {
    const { tenant, school } = await setup();
    const own = await school('东城职业学校');
    const major = await makeMajor(tenant, own, '460301');
    await makeMajor(tenant, await school('西城职业学校'), '460301');
    const admin = await makeUser(tdb.handle.db, tenant, { role: 'school_admin', organizationId: own });
    const cookie = await signIn(app, tenant.slug, admin.email, admin.password);
    const form = new FormData();
    const file = await writeWorkbook('sheet', ['姓名', '性别', '身份证号', '专业代码'].map((header) => ({ header, text: true })), [['李一', '女', idNumber(), '460301']]);
    form.set('file', new File([file], 'students.xlsx'));
    const res = await app.request(`/api/v1/t/${tenant.slug}/imports/students/preview`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form });
    const body = await json(res);
    expect(body).toMatchObject({ creates: 1, errors: [] });
    expect(body.rows[0].input).toMatchObject({ majorId: major, gender: 'female' });
  });


  it('resolves a 专业代码 that two schools share to the major of the row’s own school', async () => {
    const { tenant, upload, confirm, school } = await setup();
    const north = await school('北城职业学校');
    const south = await school('南城职业学校');
    const northMajor = await makeMajor(tenant, north, '460301');
    const southMajor = await makeMajor(tenant, south, '460301');
    const northStudent = idNumber();
    const southStudent = idNumber();
    const preview = await upload('students', STUDENT_HEADERS, [
      ['北城职业学校', '王一', 'female', northStudent, '460301'],
      ['南城职业学校', '王二', 'male', southStudent, '460301'],
    ]);
    expect(preview.body).toMatchObject({ creates: 2, errors: [] });
    await confirm(preview.body.batchId);
    const majorOf = Object.fromEntries((await rowsOf(tenant, 'students')).map((r) => [studentIdNumber(testPii, r), r.major_id]));
    expect(majorOf).toEqual({ [northStudent]: northMajor, [southStudent]: southMajor });
  });

  it('reports a 专业代码 the row’s school does not offer, even when another school does', async () => {
    const { tenant, upload, school } = await setup();
    await school('北城职业学校');
    await makeMajor(tenant, await school('南城职业学校'), '460301');
    const preview = await upload('students', STUDENT_HEADERS, [['北城职业学校', '王一', 'female', idNumber(), '460301']]);
    expect(preview.body.errors).toEqual([{ row: 2, column: '专业代码', message: expect.any(String) }]);
  });

  it('reports a row whose school is unknown on 学校 only, not again on the 专业代码 it could not look in', async () => {
    const { tenant, upload, school } = await setup();
    await makeMajor(tenant, await school('北城职业学校'), '460301');
    const preview = await upload('students', STUDENT_HEADERS, [['不存在的学校', '王一', 'female', idNumber(), '460301']]);
    expect(preview.body.errors).toEqual([{ row: 2, column: '学校', message: expect.any(String) }]);
  });

  it('previews the same sheet uploaded again as updates, matched on 身份证号', async () => {
    const { upload, confirm, school } = await setup();
    await school('北城职业学校');
    const rows = [
      ['北城职业学校', '王一', 'female', idNumber(), null],
      ['北城职业学校', '王二', 'male', idNumber(), null],
    ];
    await confirm((await upload('students', STUDENT_HEADERS, rows)).body.batchId);
    const again = await upload('students', STUDENT_HEADERS, rows);
    expect(again.body).toMatchObject({ creates: 0, updates: 2, errors: [] });
  });

  it('reports a 身份证号 whose check digit is wrong on the column 身份证号', async () => {
    const { upload, school } = await setup();
    await school('北城职业学校');
    const preview = await upload('students', STUDENT_HEADERS, [['北城职业学校', '王一', 'female', withWrongCheckDigit(idNumber()), null]]);
    expect(preview.body.creates).toBe(0);
    expect(preview.body.errors).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('校验位') }]);
  });
});

const INTERNSHIP_HEADERS = ['学生身份证号', '实习类型', '企业统一社会信用代码', '开始日期', '结束日期'];

describe('internships naming the student by 身份证号 and the enterprise by credit code', () => {
  async function withStudentAndEnterprise() {
    const ctx = await setup();
    await ctx.school('北城职业学校');
    const student = idNumber();
    await ctx.confirm((await ctx.upload('students', STUDENT_HEADERS, [['北城职业学校', '王一', 'female', student, null]])).body.batchId);
    const enterprise = await ctx.enterprise();
    return { ...ctx, student, enterprise };
  }

  it('links each internship to the student and the enterprise its row names', async () => {
    const { tenant, upload, confirm, student, enterprise } = await withStudentAndEnterprise();
    const preview = await upload('internships', INTERNSHIP_HEADERS, [[student, 'post', enterprise.code, '2026-03-02', '2026-06-26']]);
    expect(preview.body).toMatchObject({ creates: 1, errors: [] });
    expect((await confirm(preview.body.batchId)).status).toBe(200);
    const [internship] = await rowsOf(tenant, 'internships');
    const [studentRow] = await rowsOf(tenant, 'students');
    expect(internship).toMatchObject({ student_id: studentRow!.id, enterprise_id: enterprise.id });
  });

  it('writes nothing when one row of the file is bad: confirming answers 422', async () => {
    const { tenant, upload, confirm, student, enterprise } = await withStudentAndEnterprise();
    const preview = await upload('internships', INTERNSHIP_HEADERS, [
      [student, 'post', enterprise.code, '2026-03-02', '2026-06-26'],
      [idNumber(), 'post', enterprise.code, '2026-03-02', '2026-06-26'],
    ]);
    expect(preview.body.errors).toEqual([{ row: 3, column: '学生身份证号', message: expect.any(String) }]);
    expect((await confirm(preview.body.batchId)).status).toBe(422);
    expect(await rowsOf(tenant, 'internships')).toHaveLength(0);
  });
});

describe('an export of teachers', () => {
  async function exported() {
    const ctx = await setup();
    await ctx.school('北城职业学校');
    const preview = await ctx.upload('teachers', TEACHER_HEADERS, [
      ['北城职业学校', 'T001', '张老师'],
      ['北城职业学校', 'T002', '李老师'],
    ]);
    await ctx.confirm(preview.body.batchId);
    const res = await ctx.request('GET', '/exports/teachers.xlsx');
    expect(res.status).toBe(200);
    return { ...ctx, file: new Uint8Array(await res.arrayBuffer()) };
  }

  it('writes the school’s name, not its id, in the 学校 column', async () => {
    const { file } = await exported();
    const sheet = await readWorkbook(file, 'teachers.xlsx');
    expect(sheet.headers).toEqual(teachersImport.columns.map((c) => c.header));
    expect(sheet.rows.map((r) => r.cells['学校'])).toEqual(['北城职业学校', '北城职业学校']);
  });

  it('previews back as updates with no errors', async () => {
    const { file, previewFile } = await exported();
    expect((await previewFile('teachers', file)).body).toMatchObject({ creates: 0, updates: 2, errors: [] });
  });
});

describe('the import template of each entity', () => {
  const entities = ['organizations', 'majors', 'teachers', 'teacher-practice-periods', 'students', 'internships', 'agreements'];

  it('exists for exactly the seven importable entities', () => {
    expect(Object.keys(importSpecs).sort()).toEqual([...entities].sort());
  });

  it.each(entities)('%s downloads as xlsx whose header row is the spec’s zh-CN headers', async (entity) => {
    const { request } = await setup();
    const res = await request('GET', `/imports/${entity}/template`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const sheet = await readWorkbook(new Uint8Array(await res.arrayBuffer()), `${entity}.xlsx`);
    expect(sheet.headers).toEqual(importSpecs[entity]!.columns.map((c) => c.header));
  });
});

// The headers these sheets use are the specs' own, so a renamed column fails here first.
it('uses headers that are the specs’ own', () => {
  const headers = (spec: { columns: { header: string }[] }) => spec.columns.map((c) => c.header);
  expect(headers(teachersImport)).toEqual(expect.arrayContaining(TEACHER_HEADERS));
  expect(headers(studentsImport)).toEqual(expect.arrayContaining(STUDENT_HEADERS));
  expect(headers(internshipsImport)).toEqual(expect.arrayContaining(INTERNSHIP_HEADERS));
});
