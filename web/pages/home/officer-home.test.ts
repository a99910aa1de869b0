// Specification of the department officer's day, end to end on the demo data: the demo officer
// (officer@<slug>.demo, 发展改革局) signs in with the documented password and TOTP key, sees the
// tasks their unit leads or co-leads (overdue first) and nobody else's, moves one's progress and
// comes back to the list with it saved; a bad value is named next to its field, a stale form is
// refused, and the officer cannot touch another unit's task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from '../../../core/demo/demo-accounts.ts';
import { seedDemo } from '../../../core/demo/seed-demo.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeTenant } from '../../../test/support/factories.ts';
import { makeTestApp, signIn, TEST_ORIGIN } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
let cookie = '';
const tasksOf = (title: string) =>
  withTenant(db, tenant.id, (tx) => tx.selectFrom('tasks').select(['id', 'status', 'progress', 'version']).where('title', '=', title).executeTakeFirstOrThrow());

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  const made = makeTestApp(db, { start: new Date().toISOString() });
  app = made.app;
  tenant = await makeTenant(db);
  await seedDemo(db, [tenant], made.config.pii);
  cookie = await signIn(app, tenant.slug, `officer@${tenant.slug}.demo`, DEMO_PASSWORD, DEMO_TOTP_SECRET);
});
afterAll(() => tdb.drop());

const get = (path: string) => app.request(`/t/${tenant.slug}${path}`, { headers: { cookie } });
const post = (path: string, form: Record<string, string>) =>
  app.request(`/t/${tenant.slug}${path}`, {
    method: 'POST',
    headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('the department officer', () => {
  it('is a demo account of every region, in 发展改革局', async () => {
    expect(demoAccounts('gaoqing').map((a) => a.email)).toContain('officer@gaoqing.demo');
    const unit = await withTenant(db, tenant.id, (tx) =>
      tx
        .selectFrom('users')
        .innerJoin('organizations as o', (j) => j.onRef('o.tenant_id', '=', 'users.tenant_id').onRef('o.id', '=', 'users.organization_id'))
        .select(['users.role', 'o.kind', 'o.name'])
        .where('users.email', '=', `officer@${tenant.slug}.demo`)
        .executeTakeFirstOrThrow(),
    );
    expect(unit).toEqual({ role: 'department_officer', kind: 'department', name: '发展改革局' });
    // One 发展改革局: the demo data's responsible units reuse the officer's.
    const named = await withTenant(db, tenant.id, (tx) => tx.selectFrom('organizations').select('id').where('name', '=', '发展改革局').execute());
    expect(named).toHaveLength(1);
  });

  it('sees the tasks its unit leads or co-leads, overdue first, and no other unit’s', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    const html = await res.text();
    const titles = [...html.matchAll(/<h2><a href="[^"]+\/tasks\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    // Led: 联席会议制度 (due in 30 days); co-led: 组合式激励 (10 days overdue).
    expect(titles).toEqual(['落实产教融合型企业&quot;金融+财政+土地+信用&quot;组合式激励', '建立产教融合工作联席会议制度']);
    expect(html).toContain('已逾期');
    expect(html).toMatch(/<a href="\/t\/[^"]+\/inbox">消息<\/a>/);
  });

  it('moves a task’s progress and comes back to the list with it saved', async () => {
    const before = await tasksOf('建立产教融合工作联席会议制度');
    const res = await post(`/my-tasks/${before.id}`, { status: 'in_progress', progress: '75', version: String(before.version) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/t/${tenant.slug}?saved=${before.id}`);
    const after = await tasksOf('建立产教融合工作联席会议制度');
    expect(after).toMatchObject({ status: 'in_progress', progress: 75, version: before.version + 1 });
    const page = await (await get(`?saved=${before.id}`)).text();
    expect(page).toContain('任务进度已更新。');
    expect(page).toContain('进度 75%');
  });

  it('names a bad progress next to its field, keeping what was typed, and saves nothing', async () => {
    const task = await tasksOf('建立产教融合工作联席会议制度');
    const res = await post(`/my-tasks/${task.id}`, { status: 'done', progress: '130', version: String(task.version) });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<p class="field-error" id="progress-${task.id}-error">[^<]*100`));
    expect(html).toMatch(new RegExp(`id="progress-${task.id}"[^>]*value="130"`));
    expect(await tasksOf('建立产教融合工作联席会议制度')).toEqual(task);
  });

  it('refuses a stale form (someone saved in between)', async () => {
    const task = await tasksOf('建立产教融合工作联席会议制度');
    const res = await post(`/my-tasks/${task.id}`, { status: 'done', progress: '100', version: String(task.version - 1) });
    expect(res.status).toBe(409);
    expect(await tasksOf('建立产教融合工作联席会议制度')).toEqual(task);
  });

  it('cannot update another unit’s task', async () => {
    const other = await withTenant(db, tenant.id, async (tx) => {
      const unit = await tx.selectFrom('organizations').select('id').where('name', '=', '财政局').executeTakeFirstOrThrow();
      return tx.insertInto('tasks').values({ tenant_id: tenant.id, title: '他局任务', lead_unit_id: unit.id, status: 'not_started', progress: 0 }).returning(['id', 'version']).executeTakeFirstOrThrow();
    });
    const res = await post(`/my-tasks/${other.id}`, { status: 'done', progress: '100', version: String(other.version) });
    expect(res.status).toBe(404);
    expect(await tasksOf('他局任务')).toMatchObject({ status: 'not_started', progress: 0 });
  });
});
