// Spreadsheet import is preview first, then all rows or none; export writes the same columns,
// so an exported file imports back as updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCreditCodeCheck } from '../identifiers/credit-code.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
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
const code = () => withCreditCodeCheck(`9137032${String(1_000_000_000 + seq++).slice(-10)}`);
const HEADERS = ['类型', '名称', '统一社会信用代码', '企业规模'];

async function setup() {
  const tenant = await makeTenant(tdb.handle.db);
  const user = await makeUser(tdb.handle.db, tenant);
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  const request = (method: string, path: string, body?: FormData) =>
    app.request(`/api/v1/t/${tenant.slug}${path}`, { method, headers: { cookie, origin: TEST_ORIGIN }, ...(body ? { body } : {}) });
  const upload = async (rows: (string | null)[][], name = 'orgs.xlsx', headers = HEADERS) => {
    const file = name.endsWith('.csv')
      ? new TextEncoder().encode(`\ufeff${[headers, ...rows].map((r) => r.map((v) => v ?? '').join(',')).join('\n')}`)
      : await writeWorkbook('sheet', headers.map((header) => ({ header })), rows);
    const form = new FormData();
    form.set('file', new File([file], name));
    const res = await request('POST', '/imports/organizations/preview', form);
    return { status: res.status, body: await json(res) };
  };
  const confirm = async (batchId: string) => {
    const res = await request('POST', `/imports/batches/${batchId}/confirm`);
    return { status: res.status, body: await json(res) };
  };
  return { tenant, request, upload, confirm };
}

const countAudit = (tenant: Tenant) =>
  withTenant(tdb.handle.db, tenant.id, async (tx) => (await tx.selectFrom('audit_log').select('id').execute()).length);

const countEnterprises = (tenant: Tenant) =>
  withTenant(tdb.handle.db, tenant.id, async (tx) => (await tx.selectFrom('organizations').select('id').where('kind', '=', 'enterprise').execute()).length);

describe('the import template', () => {
  it('is an xlsx whose header row is the zh-CN column names', async () => {
    const { request } = await setup();
    const res = await request('GET', '/imports/organizations/template');
    expect(res.status).toBe(200);
    const sheet = await readWorkbook(new Uint8Array(await res.arrayBuffer()), 'template.xlsx');
    expect(sheet.headers).toContain('统一社会信用代码');
    expect(sheet.headers[0]).toBe('类型');
  });
});

describe('a file with bad rows', () => {
  it('is previewed with each bad row, its column and the reason, and confirming it writes nothing', async () => {
    const { tenant, upload, confirm } = await setup();
    const preview = await upload([
      ['企业', '好企业', code(), '中型'],
      ['企业', '坏企业', '91350100M000100Y44', '中型'],
      ['企业', '', code(), '巨型'],
    ]);
    expect(preview.status).toBe(200);
    expect(preview.body.creates).toBe(1);
    expect(preview.body.errors).toEqual([
      { row: 3, column: '统一社会信用代码', message: expect.stringContaining('统一社会信用代码') },
      { row: 4, column: '名称', message: expect.any(String) },
      { row: 4, column: '企业规模', message: expect.any(String) },
    ]);
    const result = await confirm(preview.body.batchId);
    expect(result.status).toBe(422);
    expect(await countEnterprises(tenant)).toBe(0);
  });

  it('reports a natural key used twice in the file', async () => {
    const { upload } = await setup();
    const same = code();
    const preview = await upload([
      ['企业', '甲', same, null],
      ['企业', '乙', same, null],
    ]);
    expect(preview.body.errors).toEqual([{ row: 3, column: '统一社会信用代码', message: expect.stringContaining('2') }]);
  });
});

describe('a good file', () => {
  it('creates every row on confirmation, labels (企业, 中型) read as values', async () => {
    const { tenant, upload, confirm } = await setup();
    const preview = await upload([
      ['企业', '甲公司', code(), '中型'],
      ['enterprise', '乙公司', code(), 'large'],
    ]);
    expect(preview.body).toMatchObject({ total: 2, creates: 2, updates: 0, errors: [] });
    expect(await confirm(preview.body.batchId)).toEqual({ status: 200, body: { created: 2, updated: 0 } });
    expect(await countEnterprises(tenant)).toBe(2);
  });

  it('is read from CSV as well (UTF-8 with a BOM, as Excel saves it)', async () => {
    const { upload } = await setup();
    const preview = await upload([['企业', '丙公司', code(), '小型']], 'orgs.csv');
    expect(preview.body).toMatchObject({ creates: 1, errors: [] });
  });

  it('cannot be confirmed twice', async () => {
    const { upload, confirm } = await setup();
    const preview = await upload([['企业', '丁公司', code(), null]]);
    await confirm(preview.body.batchId);
    expect((await confirm(preview.body.batchId)).status).toBe(409);
  });
});

describe('all or nothing', () => {
  it('undoes every row when one fails at confirmation, naming the row', async () => {
    const { tenant, request, upload, confirm } = await setup();
    const taken = code();
    const first = await upload([['企业', '先到', taken, null]]);
    await confirm(first.body.batchId);
    const preview = await upload([
      ['企业', '新企业一', code(), null],
      ['企业', '先到改名', taken, null],
    ]);
    expect(preview.body).toMatchObject({ creates: 1, updates: 1 });
    // Someone changes the row between preview and confirmation: its version is now stale.
    const list = await json(await request('GET', '/organizations?kind=enterprise'));
    const row = list.items.find((o: { creditCode: string }) => o.creditCode === taken);
    await withTenant(tdb.handle.db, tenant.id, (tx) => tx.updateTable('organizations').set({ version: 5 }).where('id', '=', row.id).execute());
    const result = await confirm(preview.body.batchId);
    expect(result.status).toBe(409);
    expect(result.body.message).toContain('3');
    expect(await countEnterprises(tenant)).toBe(1);
  });
});

describe('a large file, written a chunk at a time', () => {
  it('writes every row with its own chained audit row', async () => {
    const { tenant, upload, confirm } = await setup();
    const preview = await upload(Array.from({ length: 1200 }, (_, i) => ['企业', `批量${i}`, code(), null]));
    expect(preview.body).toMatchObject({ creates: 1200, errors: [] });
    expect(await confirm(preview.body.batchId)).toEqual({ status: 200, body: { created: 1200, updated: 0 } });
    expect(await countEnterprises(tenant)).toBe(1200);
    const audited = await withTenant(tdb.handle.db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').select(['entity_id']).where('entity', '=', 'organization').where('action', '=', 'create').execute(),
    );
    expect(new Set(audited.map((a) => a.entity_id)).size).toBe(1200);
    expect((await verifyAuditChain(tdb.handle.db, tenant.id)).firstBreak).toBeNull();
  });

  it('undoes the earlier chunks too when a row of a later chunk fails, naming that row', async () => {
    const { tenant, upload, confirm } = await setup();
    const codes = Array.from({ length: 1100 }, () => code());
    const preview = await upload(codes.map((c, i) => ['企业', `回滚${i}`, c, null]));
    expect(preview.body).toMatchObject({ creates: 1100, errors: [] });
    // Someone else registers the enterprise of row 1052 (the 1051st data row) before the confirmation.
    const taken = await upload([['企业', '抢先', codes[1050]!, null]]);
    await confirm(taken.body.batchId);
    const auditBefore = await countAudit(tenant);
    const result = await confirm(preview.body.batchId);
    expect(result.status).toBe(409);
    expect(result.body.issues).toEqual([expect.objectContaining({ path: 'row.1052' })]);
    expect(await countEnterprises(tenant)).toBe(1);
    expect(await countAudit(tenant)).toBe(auditBefore);
  });
});

describe('export', () => {
  it('writes the current filter as xlsx with the import columns, and the file imports back as updates', async () => {
    const { upload, confirm, request } = await setup();
    const created = await upload([
      ['企业', '导出甲', code(), '中型'],
      ['企业', '导出乙', code(), '微型'],
    ]);
    await confirm(created.body.batchId);
    const res = await request('GET', '/exports/organizations.xlsx?kind=enterprise');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const file = new Uint8Array(await res.arrayBuffer());
    const sheet = await readWorkbook(file, 'export.xlsx');
    expect(sheet.rows.map((r) => r.cells['名称']).sort()).toEqual(['导出乙', '导出甲']);
    expect(sheet.rows.map((r) => r.cells['企业规模']).sort()).toEqual(['中型', '微型']);
    const form = new FormData();
    form.set('file', new File([file], 'export.xlsx'));
    const back = await json(await request('POST', '/imports/organizations/preview', form));
    expect(back).toMatchObject({ creates: 0, updates: 2, errors: [] });
  });
});
