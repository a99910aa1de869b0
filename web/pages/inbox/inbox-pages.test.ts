// Specification of the inbox page: every role has one; it lists only the user's own reminders,
// newest first, 20 a page with a next link; "unread only" filters; one or all can be marked read
// (staying on the list the user was on); and an empty inbox says what will arrive there.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database.ts';
import type { Tenant } from '../../../core/tenancy/schema.ts';
import { withTenant } from '../../../core/tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../../test/support/factories.ts';
import { pageClient, type PageClient } from '../../../test/support/page-client.ts';
import { makeTestApp } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db).app;
  tenant = await makeTenant(db);
});
afterAll(() => tdb.drop());

/** `n` delivered reminders in the user's inbox, the i-th created i minutes after 08:00, titled 提醒 i. */
async function deliver(userId: string, n: number, prefix = '提醒') {
  await withTenant(db, tenant.id, (tx) =>
    sql`
      with r as (
        insert into reminders (tenant_id, plugin_id, reminder_id, kind, subject_type, subject_id, period, title, clause, recipients, due_on, status)
        select ${tenant.id}::uuid, 'p', 'r-' || g || '-' || ${userId}, 'calendar', 'tenant', ${tenant.id}, '2026',
               jsonb_build_object('zh-CN', ${prefix} || ' ' || g, 'en', 'Reminder ' || g), '四(二)', '{bureau_admin}', date '2026-12-31', 'sent'
        from generate_series(1, ${n}) g
        returning id, reminder_id
      )
      insert into notifications (tenant_id, user_id, reminder_id, created_at)
      select ${tenant.id}::uuid, ${userId}::uuid, r.id, timestamptz '2026-03-01 08:00:00+00' + split_part(r.reminder_id, '-', 2)::int * interval '1 minute'
      from r`.execute(tx),
  );
}

const titles = (html: string) => [...html.matchAll(/<(?:strong|span)>(提醒 \d+|他人 \d+)<\/(?:strong|span)>/g)].map((m) => m[1]);

describe('the inbox page', () => {
  let me: PageClient;
  beforeAll(async () => {
    me = await pageClient(app, db, tenant, { role: 'bureau_admin' });
    const other = await pageClient(app, db, tenant, { role: 'bureau_admin' });
    await deliver(me.userId, 25);
    await deliver(other.userId, 3, '他人');
  });

  it('lists my own reminders newest first, 20 a page, with the unread count and a next page', async () => {
    const first = await me.get('/inbox');
    expect(first.status).toBe(200);
    expect(first.html).toContain('25 条未读');
    const page1 = titles(first.html);
    expect(page1).toHaveLength(20);
    expect(page1[0]).toBe('提醒 25');
    expect(page1.some((t) => t!.startsWith('他人'))).toBe(false);
    const next = /href="([^"]*cursor=[^"]*)" rel="next"/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await me.get(next!.replace(`/t/${tenant.slug}`, ''));
    expect(titles(second.html)).toEqual(['提醒 5', '提醒 4', '提醒 3', '提醒 2', '提醒 1']);
    expect(second.html).not.toContain('rel="next"');
    expect(second.html).toContain('截止 2026-12-31');
    expect(second.html).toContain('周期 2026 年');
  });

  it('marks one read and returns to the unread list, which no longer shows it', async () => {
    const page = await me.get('/inbox?unread=1');
    const id = /action="\/t\/[^/]+\/inbox\/([0-9a-f-]{36})\/read"/.exec(page.html)![1]!;
    const posted = await me.post(`/inbox/${id}/read`, {}, '/inbox?unread=1');
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/t/${tenant.slug}/inbox?unread=1`);
    const after = await me.get('/inbox?unread=1');
    expect(after.html).toContain('24 条未读');
    expect(after.html).not.toContain(`/inbox/${id}/read`);
  });

  it('refuses to mark another user’s message', async () => {
    const theirs = await withTenant(db, tenant.id, (tx) =>
      tx.selectFrom('notifications').select('id').where('user_id', '<>', me.userId).executeTakeFirstOrThrow(),
    );
    expect((await me.post(`/inbox/${theirs.id}/read`)).status).toBe(404);
    const still = await withTenant(db, tenant.id, (tx) => tx.selectFrom('notifications').select('read_at').where('id', '=', theirs.id).executeTakeFirstOrThrow());
    expect(still.read_at).toBeNull();
  });

  it('marks all read, says how many, and the unread list then says there is nothing unread', async () => {
    const posted = await me.post('/inbox/read-all', {}, '/inbox');
    expect(posted.location).toBe(`/t/${tenant.slug}/inbox?marked=24`);
    expect((await me.get('/inbox?marked=24')).html).toContain('已将 24 条消息标为已读');
    const unread = await me.get('/inbox?unread=1');
    expect(unread.html).toContain('0 条未读');
    expect(unread.html).toContain('没有未读消息');
  });

  it('is there for every role, in the navigation, and an empty inbox says what will arrive', async () => {
    const school = await makeOrganization(db, tenant, 'school');
    const department = await makeOrganization(db, tenant, 'department', '发展改革局');
    const enterprise = await makeOrganization(db, tenant, 'enterprise');
    const people = [
      { role: 'school_admin', organizationId: school.id },
      { role: 'teacher', organizationId: school.id },
      { role: 'enterprise_mentor', organizationId: enterprise.id },
      { role: 'department_officer', organizationId: department.id },
      { role: 'evaluator', organizationId: null },
    ] as const;
    for (const who of people) {
      const client = await pageClient(app, db, tenant, who);
      const page = await client.get('/inbox');
      expect(page.status, who.role).toBe(200);
      expect(page.html, who.role).toContain('暂无消息。政策规定的定期报送');
      expect(page.html, who.role).toMatch(new RegExp(`<a href="/t/${tenant.slug}/inbox" aria-current="page">消息</a>`));
    }
  });

  it('speaks English when asked', async () => {
    const page = await me.get('/inbox', 'en');
    expect(page.html).toContain('Reminder 25');
    expect(page.html).toContain('Inbox');
  });
});
