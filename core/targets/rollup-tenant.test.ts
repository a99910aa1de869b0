// Specification of rollupTenant on a real database: snapshots of every metric per scope equal to a
// direct computation, target progress judged from them, the same rows when run twice or twice at
// once, and stale rows of the day removed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { rows } from '../metrics/metric-fixtures.ts';
import { definePolicyPlugin, SDK_VERSION } from '../policy/define-policy-plugin.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { rollupTenant } from './rollup-tenant.ts';
import { latestSnapshots, latestTargetSnapshots } from './snapshot-reader.ts';
import { targetProgress } from './target-progress.ts';

const titles = { 'zh-CN': '测试', en: 'Test' };
const meta = {
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source: { title: '测试', issuer: '测试局', date: '2020-01-01', referenceNumber: null, seedFile: 'test.txt' },
  messages: {},
  rules: [],
};
const plugin = definePolicyPlugin({
  id: 'rollup-test',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source: { title: '测试', issuer: '测试局', date: '2020-01-01', referenceNumber: null, seedFile: 'test.txt' },
  messages: {},
  rules: [],
  targets: [
    { id: 'insured', title: titles, metric: 'internships.insured.ratio', goal: 1, deadline: '2025-12-31', clause: '一' },
    { id: 'bases', title: titles, metric: 'agreements.active{mode=shared_training_base}', goal: 10, deadline: '2023-12-31', clause: '二' },
    { id: 'short', title: titles, metric: 'teachers.practiceShort{window=5y,months=6}', goal: 0, comparison: 'at-most', deadline: '2025-12-31', clause: '三' },
  ],
  reports: [{ id: 'r', title: titles, sections: [{ title: titles, metrics: ['majors.createdSince{2020-08-09}'] }] }],
});

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

async function seededTenant() {
  const tenant = await makeTenant(db);
  const ids = await withTenant(db, tenant.id, async (tx) => {
    const r = rows(tx, tenant.id);
    const chain = await r.chain();
    const [s1, s2] = [await r.school(), await r.school()];
    const cluster = await r.cluster(s1, { industry_chain_id: chain });
    const m1 = await r.major(s1, { cluster_id: cluster, opened_on: '2021-09-01' });
    const e = await r.org('enterprise');
    for (let i = 0; i < 3; i++) await r.agreement(s1, e, { mode: 'shared_training_base', major_id: m1 });
    await r.internship(await r.student(s1, { major_id: m1 }), e, r.insured);
    await r.internship(await r.student(s1, { major_id: m1 }), e);
    await r.internship(await r.student(s2), e, r.insured);
    await r.teacher(s2);
    return { s1, s2, cluster, chain };
  });
  return { tenant, ids };
}

const snapshotRows = (tenantId: string) =>
  withTenant(db, tenantId, (tx) =>
    tx.selectFrom('metric_snapshots').select(['id', 'day', 'metric', 'scope_type', 'scope_id', 'value']).orderBy(['metric', 'scope_type', 'scope_id']).execute(),
  );

describe('rollupTenant', () => {
  it('snapshots each metric per tenant, school, cluster and chain, equal to a direct GROUP BY', async () => {
    const { tenant, ids } = await seededTenant();
    const result = await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    expect(result.unknownMetrics).toEqual([]);
    const direct = await withTenant(db, tenant.id, (tx) =>
      sql<{ school_id: string; n: string; insured: string }>`
        select st.school_id, count(*) as n, count(*) filter (where i.policy_number is not null) as insured
        from internships i join students st on st.tenant_id = i.tenant_id and st.id = i.student_id
        where i.tenant_id = ${tenant.id} group by st.school_id`.execute(tx),
    );
    await withTenant(db, tenant.id, async (tx) => {
      const bySchool = await latestSnapshots(tx, { metric: 'internships.insured.ratio', scopeType: 'school', day: '2024-06-30' });
      for (const row of direct.rows) {
        expect(bySchool.find((s) => s.scopeId === row.school_id)?.value).toBeCloseTo(Number(row.insured) / Number(row.n), 6);
      }
      const value = async (metric: string, scopeType: 'tenant' | 'school' | 'majorCluster' | 'industryChain', scopeId: string) =>
        (await latestSnapshots(tx, { metric, scopeType, day: '2024-06-30', scopeId }))[0]?.value;
      expect(await value('internships.insured.ratio', 'tenant', tenant.id)).toBeCloseTo(2 / 3, 6);
      expect(await value('agreements.active{mode=shared_training_base}', 'majorCluster', ids.cluster)).toBe(3);
      expect(await value('agreements.active{mode=shared_training_base}', 'industryChain', ids.chain)).toBe(3);
      expect(await value('agreements.active{mode=shared_training_base}', 'school', ids.s2)).toBe(0);
      expect(await value('majors.createdSince{2020-08-09}', 'tenant', tenant.id)).toBe(1);
      expect(await value('teachers.practiceShort{window=5y,months=6}', 'school', ids.s2)).toBe(1);
    });
  });

  it('judges every target from the day’s values and keeps it as a target snapshot', async () => {
    const { tenant } = await seededTenant();
    await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    const targets = await withTenant(db, tenant.id, (tx) => latestTargetSnapshots(tx, '2024-06-30'));
    expect(targets.map((t) => [t.targetId, t.value, t.status])).toEqual([
      ['bases', 3, 'red'],
      // Pace for a share: 2/3 insured against ≈ 0.75 expected by mid-2024 on the line from 2020 to 2025.
      ['insured', expect.closeTo(2 / 3, 6), 'amber'],
      ['short', 1, 'amber'],
    ]);
  });

  it('writes the same rows when run twice, and twice at once', async () => {
    const { tenant } = await seededTenant();
    await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    const first = await snapshotRows(tenant.id);
    await Promise.all([rollupTenant(db, tenant.id, '2024-06-30', [plugin]), rollupTenant(db, tenant.id, '2024-06-30', [plugin])]);
    expect(await snapshotRows(tenant.id)).toEqual(first);
  });

  it('drops the day’s rows of a scope that no longer exists, and leaves other days alone', async () => {
    const { tenant, ids } = await seededTenant();
    await rollupTenant(db, tenant.id, '2024-06-29', [plugin]);
    await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    await withTenant(db, tenant.id, async (tx) => {
      await tx.deleteFrom('teachers').where('school_id', '=', ids.s2).execute();
      await tx.deleteFrom('internships').execute();
      await tx.deleteFrom('students').where('school_id', '=', ids.s2).execute();
      await tx.deleteFrom('organizations').where('id', '=', ids.s2).execute();
    });
    await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    const left = await snapshotRows(tenant.id);
    expect(left.filter((r) => r.scope_id === ids.s2).map((r) => r.day)).toEqual(expect.arrayContaining(['2024-06-29']));
    expect(left.some((r) => r.scope_id === ids.s2 && r.day === '2024-06-30')).toBe(false);
  });

  it('reports a plugin metric it cannot compute instead of failing the rollup', async () => {
    const { tenant } = await seededTenant();
    const odd = definePolicyPlugin({ ...meta, id: 'odd', targets: [{ id: 'x', title: titles, metric: 'no.suchMetric', goal: 1, deadline: '2025-12-31', clause: '一' }], reports: [] });
    const result = await rollupTenant(db, tenant.id, '2024-06-30', [odd]);
    expect(result.unknownMetrics).toEqual([{ metric: 'no.suchMetric', problem: expect.stringMatching(/unknown metric/) }]);
    expect(result.targetRows).toBe(0);
  });
});

describe('targetProgress', () => {
  it('reads a recent snapshot, else computes the value from the records', async () => {
    const { tenant } = await seededTenant();
    const target = plugin.targets.find((t) => t.id === 'bases')!;
    const live = await withTenant(db, tenant.id, (tx) => targetProgress(tx, plugin, target, '2024-06-30'));
    expect(live).toMatchObject({ value: 3, source: { kind: 'live' }, status: 'red' });
    await rollupTenant(db, tenant.id, '2024-06-30', [plugin]);
    await withTenant(db, tenant.id, (tx) => tx.deleteFrom('agreements').execute());
    const later = await withTenant(db, tenant.id, (tx) => targetProgress(tx, plugin, target, '2024-07-07'));
    expect(later).toMatchObject({ value: 3, source: { kind: 'snapshot', day: '2024-06-30' } });
    const stale = await withTenant(db, tenant.id, (tx) => targetProgress(tx, plugin, target, '2024-07-08'));
    expect(stale).toMatchObject({ value: 0, source: { kind: 'live' } });
  });
});
