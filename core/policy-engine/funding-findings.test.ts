// The 1:2:7 co-investment of 历城区 as a rule over funding records entered through the API: a record off
// the ratio becomes a finding about that record, shown to the bureau and to the school it belongs to only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test/support/api-client.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';

let tdb: TestDatabase;
let db: Db;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  app = makeTestApp(db, { start: '2026-03-01T08:00:00Z' }).app;
});
afterAll(() => tdb.drop());

async function lichengTenant() {
  const made = await makeTenant(db);
  const tenant = await db
    .updateTable('tenants')
    .set({ plugins: JSON.stringify([{ id: 'licheng-consortium', config: {} }]) })
    .where('id', '=', made.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const schoolA = await makeOrganization(db, tenant, 'school', '甲校');
  const schoolB = await makeOrganization(db, tenant, 'school', '乙校');
  const bureau = await apiClient(app, db, tenant);
  const record = async (schoolId: string, amounts: [number, number, number]) => {
    const res = await bureau.call('POST', '/funding-records', {
      project: '联合研发中心', year: 2025, schoolId, enterpriseId: null,
      instituteAmount: amounts[0], governmentAmount: amounts[1], enterpriseAmount: amounts[2], investmentAmount: 0,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return { tenant, schoolA, schoolB, bureau, record };
}

const subjects = (body: { items: { subject: { type: string; id: string } }[] }) => body.items.map((f) => `${f.subject.type}:${f.subject.id}`);

describe('篇2 (二) 1:2:7 over recorded funding', () => {
  it('flags the record off the ratio, not the one exactly on it', async () => {
    const { bureau, schoolA, record } = await lichengTenant();
    await record(schoolA.id, [100000, 200000, 700000]);
    const off = await record(schoolA.id, [100000, 200000, 699999.99]);
    expect((await bureau.call('POST', '/evaluations', { at: '2026-03-01' })).body).toMatchObject({ open: 1, errors: [] });
    const findings = (await bureau.call('GET', '/findings')).body;
    expect(subjects(findings)).toEqual([`funding-record:${off}`]);
    expect(findings.items[0]).toMatchObject({ ruleId: 'licheng-consortium/co-investment-ratio', severity: 'warning', clause: '篇2 (二)加大经费支持' });
    expect(findings.items[0].message).toContain('0.01');
  });

  it("shows a school admin the findings about their own school's funding only", async () => {
    const { tenant, bureau, schoolA, schoolB, record } = await lichengTenant();
    const mine = await record(schoolA.id, [0, 200000, 700000]);
    await record(schoolB.id, [0, 200000, 700000]);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const school = await apiClient(app, db, tenant, { role: 'school_admin', organizationId: schoolA.id });
    expect(subjects((await school.call('GET', '/findings')).body)).toEqual([`funding-record:${mine}`]);
  });

  it('resolves the finding once the record is corrected', async () => {
    const { bureau, schoolA, record } = await lichengTenant();
    const id = await record(schoolA.id, [100000, 200000, 600000]);
    await bureau.call('POST', '/evaluations', { at: '2026-03-01' });
    const current = (await bureau.call('GET', `/funding-records/${id}`)).body;
    expect((await bureau.call('PATCH', `/funding-records/${id}`, { enterpriseAmount: 700000, version: current.version })).status).toBe(200);
    expect((await bureau.call('POST', '/evaluations', { at: '2026-03-02' })).body).toMatchObject({ open: 0, resolved: 1 });
  });
});
