// Specification of the policy API: an evaluation run from the API stores findings that read back
// with their message, clause and explanation; school roles see their school only; tasks synced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());

/** A 高青县-like tenant with two schools, each with one professional teacher who never practised. */
async function gaoqingTenant() {
  const made = await makeTenant(db);
  const tenant = await db
    .updateTable('tenants')
    .set({ plugins: JSON.stringify([{ id: 'gaoqing-zbkjxx-2025', config: {} }]) })
    .where('id', '=', made.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const schoolA = await makeOrganization(db, tenant, 'school', '甲校');
  const schoolB = await makeOrganization(db, tenant, 'school', '乙校');
  const teacher = (schoolId: string, name: string) =>
    withTenant(db, tenant.id, (tx) =>
      tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: schoolId, teacher_number: name, name, hire_date: '2015-09-01', is_professional: true }).returning('id').executeTakeFirstOrThrow(),
    );
  const a = await teacher(schoolA.id, '甲老师');
  const b = await teacher(schoolB.id, '乙老师');
  return { tenant, schoolA, schoolB, teacherA: a.id, teacherB: b.id };
}

describe('POST /evaluations', () => {
  it('stores the findings of the enabled plugins and reports the counts', async () => {
    const { tenant } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    const res = await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ at: '2026-03-01', open: 2, resolved: 0, errors: [] });
  });

  it('evaluates today in the tenant time zone when no date is given', async () => {
    const { tenant } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    expect((await bureau.call('POST', '/evaluations')).body.at).toBe('2026-03-01');
  });

  it('refuses a bad date with the field named', async () => {
    const { tenant } = await gaoqingTenant();
    const res = await (await apiClient(app, db, tenant)).call('POST', '/evaluations', { at: '2026-02-30' });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['at']);
  });

  it('is not for enterprise mentors', async () => {
    const { tenant } = await gaoqingTenant();
    expect((await (await apiClient(app, db, tenant, { role: 'enterprise_mentor' })).call('POST', '/evaluations', {})).status).toBe(403);
  });

  it('syncs the plugin tasks with their lead unit as a department', async () => {
    const { tenant } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const tasks = await withTenant(db, tenant.id, (tx) =>
      tx.selectFrom('tasks').innerJoin('organizations as o', (j) => j.onRef('o.tenant_id', '=', 'tasks.tenant_id').onRef('o.id', '=', 'tasks.lead_unit_id')).select(['task_key', 'o.name', 'o.kind']).where('task_key', '=', 'set-up-leading-group').execute(),
    );
    expect(tasks).toEqual([{ task_key: 'set-up-leading-group', name: '学校', kind: 'department' }]);
  });

  it('syncs tasks once however often it runs', async () => {
    const { tenant } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const second = await bureau.call('POST', '/evaluations', { at: '2026-03-02' });
    expect(second.body.tasks).toEqual({ upserted: 0, unitsCreated: 0, cancelled: 0 });
  });
});

describe('GET /findings', () => {
  it('explains each finding: message, clause and the parameter values used', async () => {
    const { tenant, teacherA } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const res = await bureau.call('GET', `/findings?subjectId=${teacherA}`);
    expect(res.body.items).toHaveLength(1);
    const f = res.body.items[0];
    expect(f).toMatchObject({ ruleId: 'gaoqing-zbkjxx-2025/cumulative-practice-short', severity: 'violation', clause: '二(三)2', status: 'open' });
    expect(f.message).toContain('甲老师');
    expect(f.explanation.parameters.map((p: { name: string; value: unknown }) => [p.name, p.value])).toEqual(
      expect.arrayContaining([['minCumulativePracticeMonths', 6]]),
    );
  });

  it('speaks English when asked', async () => {
    const { tenant, teacherA } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant, { lang: 'en' });
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const f = (await bureau.call('GET', `/findings?subjectId=${teacherA}`)).body.items[0];
    expect(f.message).toMatch(/enterprise practice/i);
  });

  it('shows a school admin only the findings of their own school', async () => {
    const { tenant, schoolA, teacherA } = await gaoqingTenant();
    await (await apiClient(app, db, tenant)).call('POST', '/evaluations', { at: '2026-03-01' });
    const school = await apiClient(app, db, tenant, { role: 'school_admin', organizationId: schoolA.id });
    const res = await school.call('GET', '/findings');
    expect(res.body.items.map((f: { subject: { id: string } }) => f.subject.id)).toEqual([teacherA]);
  });

  it('counts findings by severity', async () => {
    const { tenant } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    expect((await bureau.call('GET', '/findings')).body.counts).toEqual({ violation: 2, warning: 0, info: 0 });
  });

  it('lists a resolved finding under status=resolved once the data is fixed', async () => {
    const { tenant, teacherA } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    await withTenant(db, tenant.id, (tx) =>
      tx.insertInto('teacher_practice_periods').values({ tenant_id: tenant.id, teacher_id: teacherA, enterprise_name: '某企业', start_on: '2024-01-01', end_on: '2024-06-30' }).execute(),
    );
    await bureau.call('POST', '/evaluations', { at: '2026-03-02' });
    const resolved = (await bureau.call('GET', '/findings?status=resolved')).body.items;
    expect(resolved.map((f: { subject: { id: string }; resolvedAt: string }) => [f.subject.id, f.resolvedAt])).toEqual([[teacherA, '2026-03-02']]);
  });

  describe('for one school', () => {
    /** Both teachers practise from now on, so a run over either school resolves its finding. */
    async function fixedAfterTenantRun() {
      const made = await gaoqingTenant();
      await (await apiClient(app, db, made.tenant)).call('POST', '/evaluations', { at: '2026-03-01' });
      for (const teacher of [made.teacherA, made.teacherB]) {
        await withTenant(db, made.tenant.id, (tx) =>
          tx.insertInto('teacher_practice_periods').values({ tenant_id: made.tenant.id, teacher_id: teacher, enterprise_name: '某企业', start_on: '2024-01-01', end_on: '2024-06-30' }).execute(),
        );
      }
      return made;
    }
    const openSubjects = async (client: Awaited<ReturnType<typeof apiClient>>): Promise<string[]> => {
      const items = (await client.call('GET', '/findings')).body.items as { subject: { id: string } }[];
      return items.map((f) => f.subject.id);
    };

    it("re-evaluates a school admin's own school and leaves the other schools' findings as they were", async () => {
      const { tenant, schoolA, teacherB } = await fixedAfterTenantRun();
      const school = await apiClient(app, db, tenant, { role: 'school_admin', organizationId: schoolA.id });
      const res = await school.call('POST', '/evaluations', { at: '2026-03-02' });
      expect(res.body).toMatchObject({ open: 0, resolved: 1 });
      expect(await openSubjects(await apiClient(app, db, tenant))).toEqual([teacherB]);
    });

    it('records which school a run covered', async () => {
      const { tenant, schoolB } = await fixedAfterTenantRun();
      const bureau = await apiClient(app, db, tenant);
      await bureau.call('POST', '/evaluations', { at: '2026-03-02', schoolId: schoolB.id });
      const runs = (await bureau.call('GET', '/evaluations')).body.items;
      expect(runs.map((r: { school_id: string | null }) => r.school_id)).toEqual([schoolB.id, null]);
    });

    it('keeps a school admin to their own school whatever school they name', async () => {
      const { tenant, schoolA, schoolB, teacherB } = await fixedAfterTenantRun();
      const school = await apiClient(app, db, tenant, { role: 'school_admin', organizationId: schoolA.id });
      await school.call('POST', '/evaluations', { at: '2026-03-02', schoolId: schoolB.id });
      const bureau = await apiClient(app, db, tenant);
      expect(await openSubjects(bureau)).toEqual([teacherB]);
    });

    it('answers 404 for a school that is not in the tenant', async () => {
      const { tenant } = await gaoqingTenant();
      const res = await (await apiClient(app, db, tenant)).call('POST', '/evaluations', { schoolId: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(404);
    });
  });

  it('refuses an unknown severity with the field named', async () => {
    const { tenant } = await gaoqingTenant();
    const res = await (await apiClient(app, db, tenant)).call('GET', '/findings?severity=fatal');
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['severity']);
  });

  it('answers 404 for a finding of another school', async () => {
    const { tenant, schoolB, teacherA } = await gaoqingTenant();
    const bureau = await apiClient(app, db, tenant);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const id = (await bureau.call('GET', `/findings?subjectId=${teacherA}`)).body.items[0].id;
    const other = await apiClient(app, db, tenant, { role: 'school_admin', organizationId: schoolB.id });
    expect((await other.call('GET', `/findings/${id}`)).status).toBe(404);
  });
});

describe('GET /plugins', () => {
  it('lists the enabled plugins with their rules and tasks', async () => {
    const { tenant } = await gaoqingTenant();
    const res = await (await apiClient(app, db, tenant)).call('GET', '/plugins');
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(['gaoqing-zbkjxx-2025']);
    expect(res.body.items[0].tasks.length).toBeGreaterThan(0);
  });
});

describe('POST /plugins/{pluginId}/calculators/{calculatorId}', () => {
  async function tenantWith(pluginId: string) {
    const made = await makeTenant(db);
    return db.updateTable('tenants').set({ plugins: JSON.stringify([{ id: pluginId, config: {} }]) }).where('id', '=', made.id).returningAll().executeTakeFirstOrThrow();
  }

  it('computes the 十二师 30 % surcharge deduction, capped at what is due', async () => {
    const bureau = await apiClient(app, db, await tenantWith('xpcc12-2020'));
    const res = await bureau.call('POST', '/plugins/xpcc12-2020/calculators/surcharge-deduction', { at: '2024-06-01', input: { investment: 1_000_000, surchargesDue: 200_000 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ clause: '三(五)16', result: { deduction: 200_000, computed: 300_000, rate: 0.3 } });
  });

  it('checks a 历城区 1:2:7 co-investment and names each party’s shortfall', async () => {
    const bureau = await apiClient(app, db, await tenantWith('licheng-consortium'));
    const res = await bureau.call('POST', '/plugins/licheng-consortium/calculators/co-investment', { at: '2024-06-01', input: { institutes: 100, government: 200, enterprise: 600 } });
    expect(res.body.result).toMatchObject({ matches: false, shortfall: { institutes: 0, government: 0, enterprise: 100 } });
  });

  it('names each bad input field', async () => {
    const bureau = await apiClient(app, db, await tenantWith('xpcc12-2020'));
    const res = await bureau.call('POST', '/plugins/xpcc12-2020/calculators/surcharge-deduction', { input: { investment: -1 } });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['input.investment', 'input.surchargesDue']);
  });

  it('answers 404 for a plugin the tenant has not enabled', async () => {
    const bureau = await apiClient(app, db, await tenantWith('licheng-consortium'));
    expect((await bureau.call('POST', '/plugins/xpcc12-2020/calculators/surcharge-deduction', { input: {} })).status).toBe(404);
  });
});
