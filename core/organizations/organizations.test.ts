// Organizations over the API: validation (credit code check character), who may write what,
// optimistic concurrency, audit rows, paging and the tenant wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../tenancy/with-tenant.ts';
import { withCreditCodeCheck } from '../identifiers/credit-code.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

let seq = 0;
const creditCode = () => withCreditCodeCheck(`9137030${String(1_000_000_000 + seq++).slice(-10)}`);
const enterprise = (extra: Record<string, unknown> = {}) => ({ kind: 'enterprise', name: `企业${seq}`, creditCode: creditCode(), ...extra });
const setup = async (role: 'bureau_admin' | 'school_admin' | 'teacher' | 'evaluator' = 'bureau_admin') => {
  const tenant = await makeTenant(tdb.handle.db);
  return { tenant, api: await apiClient(app, tdb.handle.db, tenant, { role }) };
};

describe('creating an organization', () => {
  it('stores an enterprise with a valid credit code and answers 201 with version 1', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/organizations', enterprise({ industryCode: 'c3670', enterpriseSize: 'medium' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'enterprise', industryCode: 'C3670', enterpriseSize: 'medium', version: 1 });
  });

  it('refuses a wrong check character, naming the field in Chinese and in English', async () => {
    const { tenant, api } = await setup();
    const bad = { ...enterprise(), creditCode: '91350100M000100Y44' };
    const zh = await api.call('POST', '/organizations', bad);
    expect(zh.status).toBe(422);
    expect(zh.body.issues).toEqual([expect.objectContaining({ path: 'creditCode', message: expect.stringContaining('统一社会信用代码') })]);
    const en = await (await apiClient(app, tdb.handle.db, tenant, { lang: 'en' })).call('POST', '/organizations', bad);
    expect(en.body.issues[0].message).toMatch(/credit code/);
  });

  it('lists every bad field at once', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/organizations', { kind: 'factory', name: '', contactPhone: 'call me' });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['contactPhone', 'kind', 'name']);
  });

  it('requires a credit code of an enterprise and refuses school fields on it', async () => {
    const { api } = await setup();
    const res = await api.call('POST', '/organizations', { kind: 'enterprise', name: '无代码企业', schoolLevel: 'higher' });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['creditCode', 'schoolLevel']);
  });

  it('refuses a second enterprise with the same credit code with 409', async () => {
    const { api } = await setup();
    const first = enterprise();
    await api.call('POST', '/organizations', first);
    const again = await api.call('POST', '/organizations', { ...first, name: '同码企业' });
    expect(again.status).toBe(409);
  });

  it('writes an audit row with the new values', async () => {
    const { tenant, api } = await setup();
    const res = await api.call('POST', '/organizations', enterprise());
    const rows = await withTenant(tdb.handle.db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').selectAll().where('entity', '=', 'organization').where('entity_id', '=', res.body.id).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', actor_user_id: api.userId });
    expect(rows[0]!.changes).toMatchObject({ name: { before: null, after: res.body.name } });
  });
});

describe('who may write', () => {
  it('lets a school admin record an enterprise but not a school', async () => {
    const { api } = await setup('school_admin');
    expect((await api.call('POST', '/organizations', enterprise())).status).toBe(201);
    expect((await api.call('POST', '/organizations', { kind: 'school', name: '另一所学校' })).status).toBe(403);
  });

  it('gives teachers and evaluators read access only', async () => {
    for (const role of ['teacher', 'evaluator'] as const) {
      const { tenant, api } = await setup(role);
      await makeOrganization(tdb.handle.db, tenant, 'school', '某职业学校');
      expect((await api.call('GET', '/organizations')).status).toBe(200);
      expect((await api.call('POST', '/organizations', enterprise())).status).toBe(403);
    }
  });

  it('answers 403, not 404, when a school admin tries to change a school it can see', async () => {
    const { tenant, api } = await setup('school_admin');
    const school = await makeOrganization(tdb.handle.db, tenant, 'school', '可见的学校');
    expect((await api.call('PATCH', `/organizations/${school.id}`, { name: '改名', version: 1 })).status).toBe(403);
  });
});

describe('updating', () => {
  it('bumps the version and audits the changed fields only', async () => {
    const { tenant, api } = await setup();
    const created = (await api.call('POST', '/organizations', enterprise())).body;
    const res = await api.call('PATCH', `/organizations/${created.id}`, { name: '新名称', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新名称', version: 2 });
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) =>
      tx.selectFrom('audit_log').select('changes').where('action', '=', 'update').where('entity_id', '=', created.id).executeTakeFirstOrThrow(),
    );
    expect(Object.keys(audit.changes!).sort()).toEqual(['name', 'updatedAt', 'version']);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { api } = await setup();
    const created = (await api.call('POST', '/organizations', enterprise())).body;
    await api.call('PATCH', `/organizations/${created.id}`, { name: '第一次', version: 1 });
    const stale = await api.call('PATCH', `/organizations/${created.id}`, { name: '第二次', version: 1 });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', `/organizations/${created.id}`)).body.name).toBe('第一次');
  });
});

describe('listing', () => {
  it('filters by kind and pages with a cursor, each row once', async () => {
    const { tenant, api } = await setup();
    await makeOrganization(tdb.handle.db, tenant, 'school', '学校甲');
    for (let i = 0; i < 5; i++) await api.call('POST', '/organizations', enterprise({ name: `企业-${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { name: string; kind: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/organizations?kind=enterprise&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.every((o) => o.kind === 'enterprise')).toBe(true);
      seen.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['企业-0', '企业-1', '企业-2', '企业-3', '企业-4']);
  });

  it('refuses a limit above 200', async () => {
    const { api } = await setup();
    expect((await api.call('GET', '/organizations?limit=201')).status).toBe(422);
  });
});

describe('across tenants', () => {
  it("answers 404 for another tenant's organization, for reading, changing and deleting", async () => {
    const { api } = await setup();
    const other = await makeTenant(tdb.handle.db);
    const foreign = await makeOrganization(tdb.handle.db, other, 'school', '别人的学校');
    expect((await api.call('GET', `/organizations/${foreign.id}`)).status).toBe(404);
    expect((await api.call('PATCH', `/organizations/${foreign.id}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await api.call('DELETE', `/organizations/${foreign.id}?version=1`)).status).toBe(404);
  });
});

describe('enterprise designations', () => {
  it('are recorded by the bureau for an enterprise only', async () => {
    const { tenant, api } = await setup();
    const ent = (await api.call('POST', '/organizations', enterprise())).body;
    const school = await makeOrganization(tdb.handle.db, tenant, 'school', '学校乙');
    const ok = await api.call('POST', '/enterprise-designations', { enterpriseId: ent.id, designation: 'integration_enterprise', stage: 'cultivating', level: 'provincial', designatedOn: '2024-06-01' });
    expect(ok.status).toBe(201);
    expect(ok.body.designatedOn).toBe('2024-06-01');
    const wrong = await api.call('POST', '/enterprise-designations', { enterpriseId: school.id, designation: 'integration_enterprise', stage: 'pool', level: 'city' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.issues[0].path).toBe('enterpriseId');
  });
});
