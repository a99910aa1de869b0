// The reminder outbox on a real database: calendar and finding-driven planning with the dedupe
// key, and delivery to the inbox, a local webhook receiver and a local SMTP server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../delivery/email.ts';
import { sendWebhook } from '../delivery/webhook.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeOrganization, makeTenant, makeUser } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { claimReminders, deliverReminders, type DeliverOptions } from './deliver-reminders.ts';
import { planReminders } from './plan-reminders.ts';
import { openFindings, reminderTestPlugin, resolveFindings } from './reminder-fixtures.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb.drop());

const db = () => tdb.handle.db;
const plan = (tenant: Tenant, today: string) => withTenant(db(), tenant.id, (tx) => planReminders(tx, tenant.id, [reminderTestPlugin], today));
const rows = (tenant: Tenant) =>
  withTenant(db(), tenant.id, (tx) => tx.selectFrom('reminders').selectAll().orderBy('reminder_id').orderBy('period').execute());
const inbox = (tenant: Tenant) => withTenant(db(), tenant.id, (tx) => tx.selectFrom('notifications').select(['user_id', 'reminder_id']).execute());
const options = (tenant: Tenant, over: Partial<DeliverOptions> = {}): DeliverOptions => ({
  channels: { email: null, webhook: (hook, m) => sendWebhook(hook, m, 2_000) },
  maxAttempts: 3,
  leaseMs: 60_000,
  publicUrl: 'http://localhost:3000',
  tenantSlug: tenant.slug,
  ...over,
});
const setSettings = (tenant: Tenant, values: { email_enabled?: boolean; webhooks?: unknown[] }) =>
  withTenant(db(), tenant.id, (tx) =>
    tx.insertInto('delivery_settings').values({ tenant_id: tenant.id, email_enabled: values.email_enabled ?? false, webhooks: JSON.stringify(values.webhooks ?? []) }).execute(),
  );

describe('planning calendar reminders', () => {
  it('makes exactly one reminder per period however often it runs', async () => {
    const tenant = await makeTenant(db());
    const first = await plan(tenant, '2026-03-01');
    await plan(tenant, '2026-03-01');
    await plan(tenant, '2026-05-20');
    const again = await plan(tenant, '2026-06-30');
    expect(first.created).toHaveLength(1);
    expect(again.created).toEqual([]);
    expect((await rows(tenant)).map((r) => [r.reminder_id, r.period, r.due_on])).toEqual([['committee', '2026-1/2', '2026-06-30']]);
  });

  it('starts the next period in its first days, and the yearly one 30 days ahead of its day', async () => {
    const tenant = await makeTenant(db());
    await plan(tenant, '2026-03-01');
    await plan(tenant, '2026-07-01');
    await plan(tenant, '2026-12-01');
    expect((await rows(tenant)).map((r) => [r.reminder_id, r.period])).toEqual([
      ['annual-report', '2026'],
      ['committee', '2026-1/2'],
      ['committee', '2026-2/2'],
    ]);
  });
});

describe('planning finding-driven reminders', () => {
  it('raises one for an open finding, addressed to the school the subject belongs to', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant);
    const teacher = await withTenant(db(), tenant.id, (tx) =>
      tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T1', name: '教师' }).returning('id').executeTakeFirstOrThrow(),
    );
    await openFindings(db(), tenant.id, [{ type: 'teacher', id: teacher.id }]);
    await plan(tenant, '2026-03-01');
    const notice = (await rows(tenant)).find((r) => r.kind === 'finding')!;
    expect([notice.subject_id, notice.organization_id, notice.status]).toEqual([teacher.id, school.id, 'pending']);
  });

  it('stops when the finding resolves: the pending reminder is cancelled, none is raised again', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant);
    await openFindings(db(), tenant.id, [{ type: 'organization', id: school.id }]);
    await plan(tenant, '2026-03-01');
    await resolveFindings(db(), tenant.id, [school.id]);
    const after = await plan(tenant, '2026-03-02');
    await plan(tenant, '2026-03-03');
    expect(after.cancelled).toBe(1);
    expect((await rows(tenant)).filter((r) => r.kind === 'finding').map((r) => r.status)).toEqual(['cancelled']);
  });

  it('revives a cancelled reminder when its finding reopens in the same period', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant);
    await openFindings(db(), tenant.id, [{ type: 'organization', id: school.id }]);
    await plan(tenant, '2026-03-01');
    await resolveFindings(db(), tenant.id, [school.id]);
    await plan(tenant, '2026-03-02');
    await openFindings(db(), tenant.id, [{ type: 'organization', id: school.id }]);
    const reopened = await plan(tenant, '2026-03-03');
    expect(reopened.created).toHaveLength(1);
    expect((await rows(tenant)).filter((r) => r.kind === 'finding').map((r) => r.status)).toEqual(['pending']);
  });

  it('leaves a reminder already sent alone when its finding resolves', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant);
    await openFindings(db(), tenant.id, [{ type: 'organization', id: school.id }]);
    const { created } = await plan(tenant, '2026-03-01');
    await deliverReminders(db(), tenant.id, created, options(tenant));
    await resolveFindings(db(), tenant.id, [school.id]);
    await plan(tenant, '2026-03-02');
    expect((await rows(tenant)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});

describe('delivering to the inbox', () => {
  it('gives each recipient by role one notification; school roles only for their own school', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant);
    const bureau = await makeUser(db(), tenant, { role: 'bureau_admin' });
    const ownAdmin = await makeUser(db(), tenant, { role: 'school_admin', organizationId: school.id });
    await makeUser(db(), tenant, { role: 'school_admin' });
    await makeUser(db(), tenant, { role: 'teacher', organizationId: school.id });
    await openFindings(db(), tenant.id, [{ type: 'organization', id: school.id }]);
    await plan(tenant, '2026-02-01');
    const notice = (await rows(tenant)).find((r) => r.kind === 'finding')!;
    const outcome = await deliverReminders(db(), tenant.id, [notice.id], options(tenant));
    expect(outcome.get(notice.id)).toEqual({ status: 'sent' });
    expect((await inbox(tenant)).map((n) => n.user_id).sort()).toEqual([bureau.id, ownAdmin.id].sort());
  });

  it('never delivers a sent reminder again', async () => {
    const tenant = await makeTenant(db());
    await makeUser(db(), tenant, { role: 'bureau_admin' });
    const { created } = await plan(tenant, '2026-03-01');
    await deliverReminders(db(), tenant.id, created, options(tenant));
    const second = await deliverReminders(db(), tenant.id, created, options(tenant));
    expect(second.get(created[0]!)).toEqual({ status: 'skipped' });
    expect(await inbox(tenant)).toHaveLength(1);
  });

  it('leaves a row claimed by a live worker to it', async () => {
    const tenant = await makeTenant(db());
    const { created } = await plan(tenant, '2026-03-01');
    await withTenant(db(), tenant.id, (tx) =>
      tx.updateTable('reminders').set({ status: 'sending', claimed_until: new Date(Date.now() + 60_000) }).where('id', 'in', created).execute(),
    );
    const outcome = await deliverReminders(db(), tenant.id, created, options(tenant));
    expect(outcome.get(created[0]!)?.status).toBe('busy');
  });
});

describe('delivering to webhooks and e-mail', () => {
  let receiver: Server;
  let url: string;
  const received: { path: string; id: string; key: string; body: Record<string, unknown> }[] = [];
  const read = async (req: IncomingMessage) => {
    let s = '';
    for await (const chunk of req) s += String(chunk);
    return JSON.parse(s) as Record<string, unknown>;
  };
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      void read(req).then((body) => {
        received.push({ path: req.url ?? '', id: String(req.headers['x-chanjiao-delivery-id']), key: String(req.headers['idempotency-key']), body });
        if (req.url?.startsWith('/fail')) return res.writeHead(503).end('down');
        // Fails the first time each delivery arrives, answers the second.
        if (req.url === '/flaky' && received.filter((r) => r.path === '/flaky' && r.id === req.headers['x-chanjiao-delivery-id']).length === 1) return res.writeHead(500).end('once');
        if (req.url?.startsWith('/refuse')) return res.writeHead(200).end('{"errcode":310000,"errmsg":"keywords not in content"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('posts a WeCom text message and a DingTalk markdown message to the group robots', async () => {
    const tenant = await makeTenant(db());
    await setSettings(tenant, { webhooks: [{ kind: 'wecom', url: `${url}/wecom` }, { kind: 'dingtalk', url: `${url}/ding`, secret: 'SEC123' }] });
    const { created } = await plan(tenant, '2026-03-01');
    const outcome = await deliverReminders(db(), tenant.id, created, options(tenant));
    expect(outcome.get(created[0]!)).toEqual({ status: 'sent' });
    const mine = received.filter((r) => r.id === created[0]);
    expect(mine.find((r) => r.path === '/wecom')?.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('校企合作委员会会议') } });
    // Framed by core's own zh-CN catalog (core/i18n), not the web layer's.
    expect(JSON.stringify(mine.find((r) => r.path === '/wecom')?.body)).toContain('依据条款：');
    const ding = mine.find((r) => r.path.startsWith('/ding'))!;
    expect(ding.path).toMatch(/timestamp=\d+&sign=/);
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('校企合作委员会会议') } });
  });

  it('retries a failing receiver and marks the reminder failed after the last attempt, keeping the error', async () => {
    const tenant = await makeTenant(db());
    await setSettings(tenant, { webhooks: [{ kind: 'json', url: `${url}/fail` }] });
    const { created } = await plan(tenant, '2026-03-01');
    const id = created[0]!;
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await deliverReminders(db(), tenant.id, [id], options(tenant, { maxAttempts: 3 }))).get(id)!.status);
    expect(outcomes).toEqual(['retry', 'retry', 'failed', 'skipped']);
    const [row] = await rows(tenant);
    expect([row!.status, row!.attempts, row!.last_error]).toEqual(['failed', 3, expect.stringContaining('HTTP 503')]);
    expect(received.filter((r) => r.id === id)).toHaveLength(3);
  });

  it('re-sends a leftover delivery of an earlier attempt even when the settings no longer name external channels', async () => {
    const tenant = await makeTenant(db());
    await makeUser(db(), tenant, { role: 'bureau_admin' });
    await setSettings(tenant, { webhooks: [{ kind: 'json', url: `${url}/fail-leftover` }] });
    const { created } = await plan(tenant, '2026-03-01');
    const id = created[0]!;
    expect((await deliverReminders(db(), tenant.id, [id], options(tenant))).get(id)?.status).toBe('retry');
    await withTenant(db(), tenant.id, (tx) => tx.updateTable('delivery_settings').set({ webhooks: JSON.stringify([]) }).execute());
    // Not the in-app fast path: the row still owes a webhook delivery, which now has nowhere to go.
    const again = await deliverReminders(db(), tenant.id, [id], options(tenant));
    expect(again.get(id)).toMatchObject({ status: 'retry', error: expect.stringContaining('no longer in the delivery settings') });
    expect(await inbox(tenant)).toHaveLength(1);
  });

  it('is at least once across a crash between the send and its record: the re-send carries the same idempotency key', async () => {
    const tenant = await makeTenant(db());
    await makeUser(db(), tenant, { role: 'bureau_admin' });
    await setSettings(tenant, { webhooks: [{ kind: 'json', url: `${url}/crash` }] });
    const { created } = await plan(tenant, '2026-03-01');
    const id = created[0]!;
    // A worker claims the row (the inbox is written with the claim) and hands the webhook over,
    // then dies before recording it: its lease (here 1 s) lapses with the delivery still pending.
    const crashed = { ...options(tenant), leaseMs: 1_000 };
    const claim = (await claimReminders(db(), tenant.id, [id], crashed)).get(id)!;
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    await crashed.channels.webhook(claim.hooks[0]!, {
      id, tenantSlug: tenant.slug, pluginId: claim.reminder.plugin_id, reminderId: claim.reminder.reminder_id, title: claim.reminder.title,
      clause: claim.reminder.clause, period: claim.reminder.period, dueOn: claim.reminder.due_on, subject: { type: 'tenant', id: tenant.id }, link: '',
    });
    expect((await deliverReminders(db(), tenant.id, [id], options(tenant))).get(id)?.status).toBe('busy');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await deliverReminders(db(), tenant.id, [id], options(tenant))).get(id)).toEqual({ status: 'sent' });
    // The receiver saw it twice, with the same key both times; the inbox has it once.
    const seen = received.filter((r) => r.path === '/crash' && r.id === id);
    expect(seen.map((r) => r.key)).toEqual([id, id]);
    expect(await inbox(tenant)).toHaveLength(1);
    expect((await deliverReminders(db(), tenant.id, [id], options(tenant))).get(id)).toEqual({ status: 'skipped' });
    expect(received.filter((r) => r.path === '/crash')).toHaveLength(2);
  });

  it('counts a robot that answers errcode ≠ 0 as a failure', async () => {
    const tenant = await makeTenant(db());
    await setSettings(tenant, { webhooks: [{ kind: 'wecom', url: `${url}/refuse` }] });
    const { created } = await plan(tenant, '2026-03-01');
    const outcome = await deliverReminders(db(), tenant.id, created, options(tenant));
    expect(outcome.get(created[0]!)).toMatchObject({ status: 'retry', error: expect.stringContaining('310000') });
  });

  it('re-sends only the channel that failed', async () => {
    const tenant = await makeTenant(db());
    await setSettings(tenant, { webhooks: [{ kind: 'json', url: `${url}/ok` }, { kind: 'json', url: `${url}/flaky` }] });
    const { created } = await plan(tenant, '2026-03-01');
    const id = created[0]!;
    const first = await deliverReminders(db(), tenant.id, [id], options(tenant));
    const second = await deliverReminders(db(), tenant.id, [id], options(tenant));
    expect([first.get(id)?.status, second.get(id)?.status]).toEqual(['retry', 'sent']);
    expect(received.filter((r) => r.id === id).map((r) => r.path).sort()).toEqual(['/flaky', '/flaky', '/ok']);
  });

  it('sends e-mail to each recipient through a local SMTP server', async () => {
    const mails: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    const email = emailChannel({ SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_SECURE: false, SMTP_USER: undefined, SMTP_PASSWORD: undefined, SMTP_FROM: 'noreply@chanjiao.test' })!;
    try {
      const tenant = await makeTenant(db());
      const bureau = await makeUser(db(), tenant, { role: 'bureau_admin' });
      await setSettings(tenant, { email_enabled: true });
      const { created } = await plan(tenant, '2026-03-01');
      const outcome = await deliverReminders(db(), tenant.id, created, options(tenant, { channels: { email, webhook: async () => {} } }));
      expect(outcome.get(created[0]!)).toEqual({ status: 'sent' });
      expect(mails.map((m) => m.to)).toEqual([[bureau.email]]);
      expect(mails[0]!.data.toLowerCase()).toContain(`x-chanjiao-delivery-id: ${created[0]}`);
      expect(mails[0]!.data.toLowerCase()).toContain(`idempotency-key: ${created[0]}`);
    } finally {
      email.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
