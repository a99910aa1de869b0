// Account notices (ASVS 2.2.3): a password change reaches its user in the in-app inbox at once,
// in the change's own transaction, and by e-mail through the outbox when the tenant sends e-mail;
// never anyone else's inbox, never a group robot; a refused change notifies nobody.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../delivery/email.ts';
import { deliverReminders } from '../reminders/deliver-reminders.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());
const db = () => tdb.handle.db;
const NEW_PASSWORD = 'Fresh-Orchid-Ledger-77';

async function stage(settings?: { email_enabled: boolean; webhooks: { kind: string; url: string }[] }) {
  const tenant = await makeTenant(db());
  if (settings) {
    await withTenant(db(), tenant.id, (tx) =>
      tx.insertInto('delivery_settings').values({ tenant_id: tenant.id, email_enabled: settings.email_enabled, webhooks: JSON.stringify(settings.webhooks) }).execute(),
    );
  }
  const user = await makeUser(db(), tenant, { role: 'teacher' });
  const colleague = await makeUser(db(), tenant, { role: 'teacher' });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  const call = (method: string, path: string, body?: unknown, as = cookie) =>
    app.request(`/api/v1/t/${tenant.slug}${path}`, {
      method,
      headers: { cookie: as, origin: TEST_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { tenant, user, colleague, call };
}

const outbox = (tenant: Tenant) =>
  withTenant(db(), tenant.id, async (tx) => ({
    reminders: await tx.selectFrom('reminders').select(['id', 'kind', 'status', 'subject_id', 'recipients']).execute(),
    deliveries: await tx.selectFrom('reminder_deliveries').select(['reminder_id', 'channel', 'target', 'status']).execute(),
  }));

describe('a password change', () => {
  it("puts a notice in that user's inbox, and nobody else's", async () => {
    const { tenant, user, colleague, call } = await stage();
    const changed = await call('PUT', '/me/password', { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);

    const cookie = await signIn(app, tenant.slug, user.email, NEW_PASSWORD);
    const inbox = await json(await call('GET', '/inbox', undefined, cookie));
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items).toEqual([
      expect.objectContaining({ pluginId: 'core.account', reminderKey: 'password_changed', title: expect.objectContaining({ 'zh-CN': expect.stringContaining('密码已修改') }) }),
    ]);
    const theirs = await json(await call('GET', '/inbox', undefined, await signIn(app, tenant.slug, colleague.email, colleague.password)));
    expect(theirs.items).toEqual([]);
    // Without e-mail in the tenant's settings the notice is in-app only, and already delivered.
    const { reminders, deliveries } = await outbox(tenant);
    expect(reminders).toEqual([expect.objectContaining({ kind: 'account', status: 'sent', subject_id: user.id, recipients: [] })]);
    expect(deliveries).toEqual([]);
  });

  it('notifies nobody when it is refused', async () => {
    const { tenant, call } = await stage();
    const refused = await call('PUT', '/me/password', { currentPassword: 'Not-the-password-1', newPassword: NEW_PASSWORD });
    expect(refused.status).toBe(422);
    expect((await outbox(tenant)).reminders).toEqual([]);
  });

  it('is e-mailed to the user through the outbox when the tenant sends e-mail, and never to a group robot', async () => {
    const { tenant, user, call } = await stage({ email_enabled: true, webhooks: [{ kind: 'json', url: 'http://127.0.0.1:9/robot' }] });
    expect((await call('PUT', '/me/password', { currentPassword: user.password, newPassword: NEW_PASSWORD })).status).toBe(200);
    const before = await outbox(tenant);
    expect(before.reminders).toEqual([expect.objectContaining({ kind: 'account', status: 'pending' })]);
    expect(before.deliveries).toEqual([{ reminder_id: before.reminders[0]!.id, channel: 'email', target: user.email, status: 'pending' }]);

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
    const robot: string[] = [];
    try {
      const outcomes = await deliverReminders(db(), tenant.id, [before.reminders[0]!.id], {
        channels: { email, webhook: async (hook) => void robot.push(hook.url) },
        maxAttempts: 3,
        leaseMs: 30_000,
        publicUrl: TEST_ORIGIN,
        tenantSlug: tenant.slug,
      });
      expect([...outcomes.values()]).toEqual([{ status: 'sent' }]);
    } finally {
      email.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
    expect(mails.map((m) => m.to)).toEqual([[user.email]]);
    expect(robot).toEqual([]);
    const after = await outbox(tenant);
    expect(after.deliveries).toEqual([expect.objectContaining({ channel: 'email', status: 'sent' })]);
  });
});
