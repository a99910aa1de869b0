// Specification of plugin isolation in the worker-thread runner: a plugin that loops is cut off
// at its time budget and one that throws is recorded, while the others' findings are stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import type { Db } from '../db/database.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { isolatedRunner, type EvaluationRunner } from './evaluation-runner.ts';
import { evaluateTenant } from './evaluate-tenant.ts';
import { policyPlugins } from './fixtures/isolation-plugins.ts';

let tdb: TestDatabase;
let db: Db;
let runner: EvaluationRunner;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
  runner = isolatedRunner({ registryUrl: new URL('./fixtures/isolation-plugins.ts', import.meta.url), budgetMs: 1500 });
});
afterAll(async () => {
  await runner.close();
  await tdb.drop();
});

const plugins = [...policyPlugins.values()];

async function tenantWithTeacher() {
  const tenant = await makeTenant(db);
  await withTenant(db, tenant.id, async (tx) => {
    const school = await tx.insertInto('organizations').values({ tenant_id: tenant.id, kind: 'school', name: '职校' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('teachers').values({ tenant_id: tenant.id, school_id: school.id, teacher_number: 'T1', name: '王老师' }).execute();
  });
  return tenant;
}

// Worker start-up compiles the plugins with tsx: slow on a loaded machine, so generous timeouts.
describe('evaluation in a worker thread', { timeout: 120_000 }, () => {
  it('records a looping plugin as a timeout and a throwing one as threw', async () => {
    const tenant = await tenantWithTeacher();
    const run = await evaluateTenant(db, tenant.id, plugins, '2026-01-10', { runner });
    expect(run.errors.map((e) => [e.pluginId, e.kind])).toEqual([
      ['loops-forever', 'timeout'],
      ['throws', 'threw'],
    ]);
  });

  it('stores the findings of the plugins before and after the misbehaving ones', async () => {
    const tenant = await tenantWithTeacher();
    await evaluateTenant(db, tenant.id, plugins, '2026-01-10', { runner });
    const stored = await withTenant(db, tenant.id, (tx) => tx.selectFrom('findings').select('plugin_id').orderBy('plugin_id').execute());
    expect(stored.map((f) => f.plugin_id)).toEqual(['after', 'before']);
  });

  it('keeps working for the next evaluation after cutting a plugin off', async () => {
    const tenant = await tenantWithTeacher();
    const good = plugins.filter((p) => p.id === 'before' || p.id === 'after');
    await evaluateTenant(db, tenant.id, plugins, '2026-01-10', { runner });
    expect(await evaluateTenant(db, tenant.id, good, '2026-01-11', { runner })).toMatchObject({ open: 2, errors: [] });
  });
});
