// The reminder JSON API through the real app: the inbox (own rows only, paging, read), the
// bureau admin's failed deliveries with retry, delivery settings, the operator's queue data,
// an evaluation queued after a write, and /metrics behind its token. Real Redis for the queues.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../observability/metrics.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { bullJobControl, type BullJobControl } from '../../workers/job-control.ts';
import { createRedis } from '../../workers/redis-connection.ts';
import { TEST_REDIS_URL, testPrefix } from '../../workers/test-support.ts';
import { planReminders } from './plan-reminders.ts';
import { reminderTestPlugin } from './reminder-fixtures.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let tdb: TestDatabase;
let redis: Redis;
let jobs: BullJobControl;
const prefix = testPrefix();
let app: ReturnType<typeof makeTestApp>['app'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(TEST_REDIS_URL);
  jobs = bullJobControl(redis, prefix);
  app = makeTestApp(tdb.handle.db, { env: { METRICS_TOKEN }, deps: { jobs, metrics: createMetrics({ defaultMetrics: false }) } }).app;
});
afterAll(async () => {
  await jobs.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await tdb.drop();
});
const db = () => tdb.handle.db;

/** One calendar reminder of the tenant, delivered to the inbox of every bureau admin. */
async function deliveredReminder(tenant: Tenant, status: 'sent' | 'failed' = 'sent') {
  return withTenant(db(), tenant.id, async (tx) => {
    const { created } = await planReminders(tx, tenant.id, [reminderTestPlugin], '2026-03-01');
    const id = created[0]!;
    await tx.updateTable('reminders').set({ status, last_error: status === 'failed' ? 'webhook 127.0.0.1: HTTP 503' : null }).where('id', '=', id).execute();
    await tx.insertInto('notifications').columns(['tenant_id', 'user_id', 'reminder_id']).expression((eb) =>
      eb.selectFrom('users').select([eb.val(tenant.id).as('tenant_id'), 'id', eb.val(id).as('reminder_id')]).where('role', '=', 'bureau_admin'),
    ).execute();
    return id;
  });
}

describe('the inbox', () => {
  it('lists my notifications newest first with the unread count, a page at a time', async () => {
    const tenant = await makeTenant(db());
    const me = await apiClient(app, db(), tenant);
    await deliveredReminder(tenant);
    const first = await me.call('GET', '/inbox?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ title: { 'zh-CN': '校企合作委员会会议' }, period: '2026-1/2', dueOn: '2026-06-30', readAt: null });
    expect([first.body.unreadCount, first.body.nextCursor]).toEqual([1, null]);
  });

  it("shows nobody else's notifications, and cannot mark them read", async () => {
    const tenant = await makeTenant(db());
    const owner = await apiClient(app, db(), tenant);
    await deliveredReminder(tenant);
    const other = await apiClient(app, db(), tenant, { role: 'school_admin' });
    const mine = await owner.call('GET', '/inbox');
    expect((await other.call('GET', '/inbox')).body.items).toEqual([]);
    expect((await other.call('POST', `/inbox/${mine.body.items[0].id}/read`)).status).toBe(404);
  });

  it('marks one notification read, then all', async () => {
    const tenant = await makeTenant(db());
    const me = await apiClient(app, db(), tenant);
    await deliveredReminder(tenant);
    await withTenant(db(), tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], '2026-12-01'));
    const id = (await me.call('GET', '/inbox')).body.items[0].id;
    expect((await me.call('POST', `/inbox/${id}/read`)).body.readAt).toEqual(expect.any(String));
    expect((await me.call('GET', '/inbox?unread=1')).body.unreadCount).toBe(0);
    expect((await me.call('POST', '/inbox/read-all')).body).toEqual({ marked: 0 });
  });

  it('refuses a cursor it did not make', async () => {
    const tenant = await makeTenant(db());
    const me = await apiClient(app, db(), tenant);
    expect((await me.call('GET', '/inbox?cursor=nonsense')).status).toBe(422);
  });
});

describe('failed deliveries', () => {
  it('are listed for the bureau admin with their error', async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const id = await deliveredReminder(tenant, 'failed');
    const list = await admin.call('GET', '/reminders?status=failed');
    expect(list.body.items.map((r: { id: string; lastError: string }) => [r.id, r.lastError])).toEqual([[id, 'webhook 127.0.0.1: HTTP 503']]);
  });

  it('are retried on request: the row is pending again and its delivery job is queued', async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const id = await deliveredReminder(tenant, 'failed');
    const res = await admin.call('POST', `/reminders/${id}/retry`);
    expect(res).toEqual({ status: 202, body: { id, status: 'pending', queued: true } });
    const [row] = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('reminders').select(['status', 'attempts']).where('id', '=', id).execute());
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    const deliver = (await jobs.stats()).find((q) => q.name === 'deliver')!;
    expect(deliver.counts.delayed).toBeGreaterThanOrEqual(1);
  });

  it('refuse a retry of a reminder that did not fail (409), and anyone but the bureau admin (403)', async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const school = await apiClient(app, db(), tenant, { role: 'school_admin' });
    const id = await deliveredReminder(tenant, 'sent');
    expect((await admin.call('POST', `/reminders/${id}/retry`)).status).toBe(409);
    expect((await school.call('GET', '/reminders?status=failed')).status).toBe(403);
  });
});

describe('delivery settings', () => {
  it('are saved by the bureau admin, and a DingTalk secret is never shown again', async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const put = await admin.call('PUT', '/delivery-settings', {
      emailEnabled: true,
      webhooks: [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SEC1' }],
    });
    expect(put.status).toBe(200);
    expect((await admin.call('GET', '/delivery-settings')).body).toEqual({
      emailEnabled: true,
      webhooks: [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', signed: true }],
      emailConfigured: false,
    });
  });

  it('refuse an unknown kind, a bad address and the same address twice, naming each field', async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const res = await admin.call('PUT', '/delivery-settings', { emailEnabled: false, webhooks: [{ kind: 'slack', url: 'ftp://x' }] });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['webhooks.0.kind', 'webhooks.0.url']);
    const twice = await admin.call('PUT', '/delivery-settings', { emailEnabled: false, webhooks: [{ kind: 'json', url: 'https://a.example/h' }, { kind: 'json', url: 'https://a.example/h' }] });
    expect(twice.body.issues[0].message).toBe('同一个 Webhook 地址只能填写一次。');
  });
});

describe('the queues, for the platform operator', () => {
  it('shows counts and failed jobs of every queue to the operator only', async () => {
    const platform = await makeTenant(db(), { kind: 'platform' });
    const operator = await apiClient(app, db(), platform, { role: 'platform_operator' });
    const res = await operator.call('GET', '/queues');
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual(['housekeeping', 'evaluate', 'remind', 'deliver', 'report', 'rollup']);
    expect((await operator.call('POST', '/queues/deliver/jobs/nope/retry')).status).toBe(404);
    const tenant = await makeTenant(db());
    expect((await (await apiClient(app, db(), tenant)).call('GET', '/queues')).status).toBe(403);
  });
});

describe('a write', () => {
  it("queues the tenant's evaluation, once per minute however many writes", async () => {
    const tenant = await makeTenant(db());
    const admin = await apiClient(app, db(), tenant);
    const minutes = new Set([Math.floor(Date.now() / 60_000)]);
    for (const name of ['甲学校', '乙学校']) expect((await admin.call('POST', '/organizations', { kind: 'school', name })).status).toBe(201);
    minutes.add(Math.floor(Date.now() / 60_000));
    const evaluate = (await jobs.stats()).find((q) => q.name === 'evaluate')!;
    const keys = await redis.keys(`${prefix}:evaluate:evaluate-${tenant.id}-*`);
    // One job, unless the two writes fell either side of a minute boundary.
    expect(keys.filter((k) => !k.endsWith(':logs'))).toHaveLength(minutes.size);
    expect(evaluate.counts.delayed).toBeGreaterThanOrEqual(1);
  });
});

describe('/metrics', () => {
  it('answers Prometheus text to the bearer of METRICS_TOKEN, and 401 to anyone else', async () => {
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('chanjiao_http_request_duration_seconds_bucket');
    expect(text).toContain('chanjiao_queue_jobs');
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const bare = makeTestApp(db()).app;
    expect((await bare.request('/metrics')).status).toBe(404);
  });
});
