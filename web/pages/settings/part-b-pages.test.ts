// Specification of the settings, calculator and onboarding pages: forms generated from the
// plugins' zod schemas, each refused value beside its field, saved values used from then on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../../../test/support/factories.ts';
import { pageClient } from '../../../test/support/page-client.ts';
import { makeTestApp, signIn, TEST_ORIGIN } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let platform: Tenant;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db).app;
  platform = (await db.selectFrom('tenants').selectAll().where('kind', '=', 'platform').executeTakeFirst()) ?? (await makeTenant(db, { slug: 'platform', kind: 'platform' }));
});
afterAll(() => tdb.drop());

async function region(plugins: { id: string; config?: Record<string, unknown> }[]) {
  const made = await makeTenant(db);
  return db.updateTable('tenants').set({ plugins: JSON.stringify(plugins.map((p) => ({ config: {}, ...p }))) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
}

/** The text of the element with this id (its first line of markup), or null. */
const byId = (html: string, id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;

describe('settings page', () => {
  const field = 'layer-xpcc12-2020--xpcc12-2020-hiringCheckSeverity';
  const action = '/settings/xpcc12-2020/xpcc12-2020';

  it('shows each enabled plugin’s config as a labelled form with the manifest’s value', async () => {
    const tenant = await region([{ id: 'xpcc12-2020', config: { hiringCheckSeverity: 'info' } }]);
    const page = await (await pageClient(app, db, tenant)).get('/settings');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<label for="${field}">新聘专业教师资格核实的提示级别`);
    expect(page.html).toMatch(/<option value="info" selected="">提示<\/option>/);
    expect(page.html).toContain('当前值来自区域清单或插件默认值');
  });

  it('puts a refused value’s problem beside its field and keeps it out of the database; a good one is saved and audited', async () => {
    const tenant = await region([{ id: 'xpcc12-2020' }]);
    const bureau = await pageClient(app, db, tenant);
    const bad = await bureau.post(action, { hiringCheckSeverity: 'loud', version: '0' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain(`aria-describedby="${field}-error"`);
    expect(byId(bad.html, `${field}-error`)).toBe('请从以下选项中选择：提示、预警');
    expect(await withTenant(db, tenant.id, (tx) => tx.selectFrom('tenant_plugin_settings').selectAll().execute())).toEqual([]);

    const good = await bureau.post(action, { hiringCheckSeverity: 'warning', version: '0' });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`/t/${tenant.slug}/settings?saved=xpcc12-2020%2Fxpcc12-2020#layer-xpcc12-2020--xpcc12-2020`);
    const after = await bureau.get('/settings?saved=xpcc12-2020%2Fxpcc12-2020');
    expect(after.html).toContain('已保存“十二师深化产教融合的实施方案”的设置');
    expect(after.html).toMatch(/当前值由本区域于 \d{4}-\d\d-\d\d \d\d:\d\d 保存/);
    expect(after.html).toMatch(/<option value="warning" selected="">预警<\/option>/);
    const rows = await withTenant(db, tenant.id, (tx) => tx.selectFrom('tenant_plugin_settings').select(['config', 'updated_by']).execute());
    expect(rows).toEqual([{ config: { hiringCheckSeverity: 'warning' }, updated_by: bureau.userId }]);

    const stale = await bureau.post(action, { hiringCheckSeverity: 'info', version: '0' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('记录已被他人修改');
    const reset = await bureau.post(`${action}/reset`, { version: '1' });
    expect(reset.location).toBe(`/t/${tenant.slug}/settings?reset=xpcc12-2020%2Fxpcc12-2020`);
    expect(await withTenant(db, tenant.id, (tx) => tx.selectFrom('tenant_plugin_settings').selectAll().execute())).toEqual([]);
  });

  it('is read-only for the evaluator and closed to schools', async () => {
    const tenant = await region([{ id: 'xpcc12-2020' }]);
    const evaluator = await (await pageClient(app, db, tenant, { role: 'evaluator' })).get('/settings');
    expect(evaluator.html).toContain('<fieldset disabled=""');
    expect(evaluator.html).not.toContain('保存设置');
    expect((await (await pageClient(app, db, tenant, { role: 'school_admin' })).get('/settings')).status).toBe(403);
    expect((await (await pageClient(app, db, tenant, { role: 'evaluator' })).post('/settings/xpcc12-2020/xpcc12-2020', { hiringCheckSeverity: 'warning' })).status).toBe(403);
  });
});

describe('calculators page', () => {
  it('computes the 十二师 surcharge deduction from a generated form and explains it', async () => {
    const tenant = await region([{ id: 'xpcc12-2020' }]);
    const bureau = await pageClient(app, db, tenant);
    const list = await bureau.get('/calculators');
    expect(list.html).toContain('投资额30%抵扣教育费附加');
    expect(list.html).toContain('<label for="calc-xpcc12-2020--surcharge-deduction-investment">符合条件的投资额（元）');
    const res = await bureau.post('/calculators/xpcc12-2020/surcharge-deduction', { investment: '1000000', surchargesDue: '200000', at: '2026-03-01' });
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<dt>可抵扣金额<\/dt><dd>200,000<\/dd>/);
    expect(res.html).toMatch(/<dt>按比例计算的抵扣额<\/dt><dd>300,000<\/dd>/);
    expect(res.html).toContain('依据条款：三(五)16');
    expect(res.html).toContain('按 2026-03-01 适用的参数计算');
  });

  it('shows each bad input beside its field', async () => {
    const tenant = await region([{ id: 'xpcc12-2020' }]);
    const res = await (await pageClient(app, db, tenant)).post('/calculators/xpcc12-2020/surcharge-deduction', { investment: '-5', surchargesDue: 'abc' });
    expect(res.status).toBe(422);
    expect(byId(res.html, 'calc-xpcc12-2020--surcharge-deduction-investment-error')).toMatch(/0/);
    expect(byId(res.html, 'calc-xpcc12-2020--surcharge-deduction-surchargesDue-error')).toBeTruthy();
    expect(res.html).not.toContain('计算结果');
  });

  it('checks the 历城区 1:2:7 co-investment with the ratio in force', async () => {
    const tenant = await region([{ id: 'licheng-consortium' }]);
    const res = await (await pageClient(app, db, tenant, { role: 'school_admin' })).post('/calculators/licheng-consortium/co-investment', { institutes: '100', government: '200', enterprise: '600' }, undefined);
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<dt>三方投入符合比例<\/dt><dd>否<\/dd>/);
    expect(res.html).toMatch(/<dt>各方需补足（分）<\/dt><dd>科研院所投入（分） 0；政府投入（分） 0；企业投入（分） 100<\/dd>/);
  });

  it('says so when the region’s policies have no calculator', async () => {
    const tenant = await region([{ id: 'gaoqing-zbkjxx-2025' }]);
    expect((await (await pageClient(app, db, tenant)).get('/calculators')).html).toContain('本区域启用的政策没有计算器');
  });
});

describe('onboarding page', () => {
  it('refuses bad fields beside them, then creates the region and shows the one-time password once', async () => {
    const operator = await pageClient(app, db, platform, { role: 'platform_operator' });
    expect((await operator.get('/tenants/new')).status).toBe(200);
    const slug = `ob-${Date.now().toString(36)}`;
    const bad = await operator.post('/tenants/new', { slug: 'Bad Slug', nameZh: '', nameEn: 'X', kind: 'county', timezone: 'Mars/Base', adminEmail: 'nope', adminName: '李' });
    expect(bad.status).toBe(422);
    for (const f of ['slug', 'nameZh', 'timezone', 'adminEmail']) expect(byId(bad.html, `o-${f}-error`), f).toBeTruthy();
    expect(byId(bad.html, 'o-slug-error')).toBe('只能用小写字母、数字和短横线，2–63 个字符，以字母或数字开头');
    expect(byId(bad.html, 'o-kind-error')).toBeNull();

    const good = await operator.post('/tenants/new', { slug, nameZh: '新区', nameEn: 'New District', kind: 'district', timezone: 'Asia/Shanghai', plugins: 'licheng-consortium', adminEmail: 'admin@new.cn', adminName: '李主任' });
    expect(good.status).toBe(200);
    expect(good.html).toContain(`已创建区域“新区”（${slug}）`);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(good.html)?.[1];
    expect(password).toHaveLength(20);
    expect(good.html).not.toContain('id="o-slug"');
    const tenant = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    expect(tenant.plugins).toEqual([{ id: 'licheng-consortium', config: {} }]);
  });

  it('takes a pasted manifest, naming broken JSON and bad manifest fields on the manifest box', async () => {
    const operator = await pageClient(app, db, platform, { role: 'platform_operator' });
    const broken = await operator.post('/tenants/new/manifest', { manifestText: '{ slug: ', adminEmail: 'a@b.cn', adminName: '甲' });
    expect(broken.status).toBe(422);
    expect(byId(broken.html, 'm-manifestText-error')).toContain('清单不是有效的 JSON');
    const slug = `mf-${Date.now().toString(36)}`;
    const manifest = { slug, name: { 'zh-CN': '清单县', en: 'Manifest County' }, kind: 'county', plugins: [{ id: 'nope' }] };
    const unknown = await operator.post('/tenants/new/manifest', { manifestText: JSON.stringify(manifest), adminEmail: 'a@b.cn', adminName: '甲' });
    expect(byId(unknown.html, 'm-manifestText-error')).toBe('plugins.0.id: 本系统没有安装插件 nope');
    const ok = await operator.post('/tenants/new/manifest', { manifestText: JSON.stringify({ ...manifest, plugins: [] }), adminEmail: 'a@b.cn', adminName: '甲' });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain(`已创建区域“清单县”（${slug}）`);
  });

  it('takes an uploaded manifest file (multipart), as a browser sends it', async () => {
    const operator = await makeUser(db, platform, { role: 'platform_operator' });
    const cookie = await signIn(app, platform.slug, operator.email, operator.password);
    const slug = `up-${Date.now().toString(36)}`;
    const form = new FormData();
    form.set('manifestText', '');
    form.set('manifestFile', new File([JSON.stringify({ slug, name: { 'zh-CN': '上传县', en: 'Uploaded County' }, kind: 'county' })], 'region.json', { type: 'application/json' }));
    form.set('adminEmail', 'up@b.cn');
    form.set('adminName', '乙');
    const res = await app.request(`/t/${platform.slug}/tenants/new/manifest`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`已创建区域“上传县”（${slug}）`);
  });

  it('is only for platform operators in the platform scope', async () => {
    const tenant = await region([]);
    expect((await (await pageClient(app, db, tenant)).get('/tenants/new')).status).toBe(403);
  });
});
