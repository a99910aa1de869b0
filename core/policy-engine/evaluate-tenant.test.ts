// Specification of evaluateTenant on a real database: findings open, resolve and reopen with
// the data, an errored plugin leaves its stored findings alone, and a rerun changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { definePolicyPlugin, SDK_VERSION } from '../policy/define-policy-plugin.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { evaluateTenant } from './evaluate-tenant.ts';

const source = { title: '测试', issuer: '测试局', date: '2024-01-01', referenceNumber: null, seedFile: 'test.txt' };
const titles = { 'zh-CN': '测试', en: 'Test' };
const meta = { version: '1.0.0', sdk: `^${SDK_VERSION}`, title: titles, source };

/** Flags every teacher without any enterprise practice period. */
const noPractice = definePolicyPlugin({
  ...meta,
  id: 'no-practice',
  messages: { none: { 'zh-CN': '{name}没有企业实践', en: '{name} has no enterprise practice' } },
  rules: [
    {
      id: 'none',
      title: titles,
      clause: '三(三)10',
      check: (view) =>
        view.teachers
          .filter((t) => t.practicePeriods.length === 0)
          .map((t) => ({ subject: { type: 'teacher' as const, id: t.id }, severity: 'violation' as const, messageId: 'none' as const, params: { name: t.name }, facts: { periods: 0 } })),
    },
  ],
});

/** Flags every teacher too, but throws while any teacher is called 故障: an errored run on demand. */
const fragile = definePolicyPlugin({
  ...meta,
  id: 'fragile',
  messages: { seen: { 'zh-CN': '{name}', en: '{name}' } },
  rules: [
    {
      id: 'seen',
      title: titles,
      clause: '一',
      check: (view) => {
        if (view.teachers.some((t) => t.name === '故障')) throw new Error('boom');
        return view.teachers.map((t) => ({ subject: { type: 'teacher' as const, id: t.id }, severity: 'info' as const, messageId: 'seen' as const, params: { name: t.name } }));
      },
    },
  ],
});

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

async function addTeacher(tenant: Tenant, name: string) {
  const school = await makeOrganization(db, tenant);
  return withTenant(db, tenant.id, (tx) =>
    tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: `T-${name}-${Math.random()}`, name }).returning('id').executeTakeFirstOrThrow(),
  );
}
const addPractice = (tenant: Tenant, teacherId: string) =>
  withTenant(db, tenant.id, (tx) =>
    tx.insertInto('teacher_practice_periods').values({ tenant_id: tenant.id, teacher_id: teacherId, enterprise_name: '企业', start_on: '2025-01-01', end_on: '2025-06-30' }).execute(),
  );
const removePractice = (tenant: Tenant, teacherId: string) =>
  withTenant(db, tenant.id, (tx) => tx.deleteFrom('teacher_practice_periods').where('teacher_id', '=', teacherId).execute());
const findings = (tenant: Tenant) => withTenant(db, tenant.id, (tx) => tx.selectFrom('findings').selectAll().orderBy('finding_key').execute());
const pluginErrors = (tenant: Tenant) => withTenant(db, tenant.id, (tx) => tx.selectFrom('plugin_errors').selectAll().orderBy('plugin_id').execute());

describe('evaluateTenant', () => {
  it('opens a finding when its condition holds, resolves it when the data changes, reopens it when it holds again', async () => {
    const tenant = await makeTenant(db);
    const t = await addTeacher(tenant, '张三');

    expect(await evaluateTenant(db, tenant.id, [noPractice], '2026-01-10')).toMatchObject({ open: 1, resolved: 0, errors: [] });
    const [opened] = await findings(tenant);
    expect(opened).toMatchObject({
      plugin_id: 'no-practice',
      rule_id: 'no-practice/none',
      subject_type: 'teacher',
      subject_id: t.id,
      severity: 'violation',
      message_id: 'none',
      params: { name: '张三' },
      clause: '三(三)10',
      explanation: { parameters: [], facts: { periods: 0 } },
      finding_key: `no-practice/none|teacher:${t.id}`,
      first_seen_at: '2026-01-10',
      last_seen_at: '2026-01-10',
      resolved_at: null,
    });

    await addPractice(tenant, t.id);
    expect(await evaluateTenant(db, tenant.id, [noPractice], '2026-02-10')).toMatchObject({ open: 0, resolved: 1 });
    expect(await findings(tenant)).toMatchObject([{ id: opened!.id, last_seen_at: '2026-01-10', resolved_at: '2026-02-10' }]);

    await removePractice(tenant, t.id);
    await evaluateTenant(db, tenant.id, [noPractice], '2026-03-10');
    expect(await findings(tenant)).toMatchObject([{ id: opened!.id, first_seen_at: '2026-01-10', last_seen_at: '2026-03-10', resolved_at: null }]);
  });

  it('leaves the stored findings of an errored plugin as they were, records the error, and keeps the other plugins going', async () => {
    const tenant = await makeTenant(db);
    const ok = await addTeacher(tenant, '李四');
    await evaluateTenant(db, tenant.id, [noPractice, fragile], '2026-01-10');
    const before = await findings(tenant);
    expect(before.map((f) => f.plugin_id).sort()).toEqual(['fragile', 'no-practice']);

    // Now fragile throws, and the one teacher no-practice flagged has practice: only no-practice's finding resolves.
    await addTeacher(tenant, '故障');
    await addPractice(tenant, ok.id);
    const run = await evaluateTenant(db, tenant.id, [noPractice, fragile], '2026-02-10');
    expect(run.errors).toMatchObject([{ pluginId: 'fragile', kind: 'threw' }]);

    const after = await findings(tenant);
    const fragileBefore = before.find((f) => f.plugin_id === 'fragile');
    expect(after.find((f) => f.plugin_id === 'fragile')).toEqual(fragileBefore);
    expect(after.find((f) => f.finding_key === `no-practice/none|teacher:${ok.id}`)).toMatchObject({ resolved_at: '2026-02-10' });
    // The new 故障 teacher has no practice either: no-practice still ran and saw it.
    expect(after.filter((f) => f.plugin_id === 'no-practice' && f.resolved_at === null)).toHaveLength(1);
    expect(await pluginErrors(tenant)).toMatchObject([{ plugin_id: 'fragile', plugin_version: '1.0.0', rule_id: 'fragile/seen', kind: 'threw', at: '2026-02-10' }]);
    expect((await pluginErrors(tenant))[0]!.message).toContain('boom');
  });

  it('changes nothing when run twice at the same date', async () => {
    const tenant = await makeTenant(db);
    const t = await addTeacher(tenant, '王五');
    await addTeacher(tenant, '故障');
    await evaluateTenant(db, tenant.id, [noPractice, fragile], '2026-01-10');
    await addPractice(tenant, t.id);
    await evaluateTenant(db, tenant.id, [noPractice, fragile], '2026-02-10');
    const [findingsOnce, errorsOnce] = [await findings(tenant), await pluginErrors(tenant)];

    const again = await evaluateTenant(db, tenant.id, [noPractice, fragile], '2026-02-10');
    expect(again.resolved).toBe(0);
    expect(await findings(tenant)).toEqual(findingsOnce);
    expect(await pluginErrors(tenant)).toEqual(errorsOnce);
  });

  it("never shows one tenant another tenant's findings or errors", async () => {
    const [a, b] = [await makeTenant(db), await makeTenant(db)];
    const ta = await addTeacher(a, '故障');
    await addTeacher(b, '赵六');
    await evaluateTenant(db, a.id, [noPractice, fragile], '2026-01-10');
    await evaluateTenant(db, b.id, [noPractice, fragile], '2026-01-10');

    const [fa, fb] = [await findings(a), await findings(b)];
    expect(fa.map((f) => f.subject_id)).toEqual([ta.id]);
    expect(fa.every((f) => f.tenant_id === a.id)).toBe(true);
    expect(fb.map((f) => f.plugin_id).sort()).toEqual(['fragile', 'no-practice']);
    expect(fb.every((f) => f.tenant_id === b.id)).toBe(true);
    expect(await pluginErrors(a)).toHaveLength(1);
    expect(await pluginErrors(b)).toEqual([]);
    // B's run resolved nothing of A's: A's finding is still open.
    expect(fa[0]!.resolved_at).toBeNull();
  });
});
