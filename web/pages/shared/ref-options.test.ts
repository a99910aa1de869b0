// Specification of reference choices with many records: past SELECT_LIMIT a reference becomes a
// search box with suggestions (filtered by the server as the user types) whose typed name the
// server resolves on submit, so every record can be picked, with or without scripts.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../../test/support/factories.ts';
import { pageClient, type PageClient } from '../../../test/support/page-client.ts';
import { makeTestApp } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { SELECT_LIMIT } from './ref-options.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
let bureau: PageClient;
const COUNT = SELECT_LIMIT + 5;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db).app;
  tenant = await makeTenant(db);
  await withTenant(db, tenant.id, (tx) =>
    sql`insert into organizations (tenant_id, kind, name) select ${tenant.id}::uuid, 'enterprise', '企业' || lpad(g::text, 4, '0') from generate_series(1, ${COUNT}) g`.execute(tx),
  );
  await makeOrganization(db, tenant, 'enterprise', '同名企业');
  await makeOrganization(db, tenant, 'enterprise', '同名企业');
  bureau = await pageClient(app, db, tenant);
});
afterAll(() => tdb.drop());

const enterpriseId = (name: string) =>
  withTenant(db, tenant.id, (tx) => tx.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).then((r) => r.id);
const fundedEnterprise = (project: string) =>
  withTenant(db, tenant.id, (tx) => tx.selectFrom('funding_records').select('enterprise_id').where('project', '=', project).executeTakeFirst()).then((r) => r?.enterprise_id);

describe('a reference with more records than a select holds', () => {
  it('is a search box with the count, the first suggestions and the server’s filter; few records stay a select', async () => {
    const page = await bureau.get('/funding-records/new');
    expect(page.html).toContain(`data-ref-search="/t/${tenant.slug}/ref-options/enterprise"`);
    expect(page.html).toContain('list="f-enterpriseId-list"');
    expect(page.html.match(/<datalist id="f-enterpriseId-list">(.*?)<\/datalist>/)?.[1]?.match(/<option/g)).toHaveLength(30);
    expect(page.html).toContain(`共 ${COUNT + 2} 项`);
    expect(page.html).toContain('<script src="/static/ref-search.js" defer=""></script>');
    expect(page.html).toMatch(/<select id="f-schoolId" name="schoolId"/);
  });

  it('suggests the records whose name holds the typed text, wherever they sort', async () => {
    const res = await bureau.get(`/ref-options/enterprise?q=${encodeURIComponent('企业0299')}`);
    const body = JSON.parse(res.html) as { items: { id: string; label: string }[] };
    const id = await enterpriseId('企业0299');
    expect(body.items).toEqual([{ id, label: `企业0299 · ${id.slice(0, 8)}` }]);
    expect((await bureau.get('/ref-options/secrets')).status).toBe(404);
  });

  it('saves a record pointing at a typed name, or at a picked suggestion, beyond the first choices', async () => {
    expect((await bureau.post('/funding-records/new', { project: '按名称', year: '2026', enterpriseId: '企业0299' })).status).toBe(303);
    expect(await fundedEnterprise('按名称')).toBe(await enterpriseId('企业0299'));
    const id = await enterpriseId('企业0304');
    expect((await bureau.post('/funding-records/new', { project: '按建议', year: '2026', enterpriseId: `企业0304 · ${id.slice(0, 8)}` })).status).toBe(303);
    expect(await fundedEnterprise('按建议')).toBe(id);
  });

  it('says beside the field when a name matches nothing or several records, and saves nothing', async () => {
    const none = await bureau.post('/funding-records/new', { project: '无匹配', year: '2026', enterpriseId: '没有这家' });
    expect(none.status).toBe(422);
    expect(none.html).toContain('<p class="field-error" id="f-enterpriseId-error">没有与“没有这家”匹配的选项，请从列表中选择</p>');
    expect(none.html).toContain('value="没有这家"');
    const two = await bureau.post('/funding-records/new', { project: '重名', year: '2026', enterpriseId: '同名企业' });
    expect(two.html).toContain('“同名企业”对应多个选项');
    expect(await fundedEnterprise('无匹配')).toBeUndefined();
    expect(await fundedEnterprise('重名')).toBeUndefined();
  });
});
