// Policy tasks over the API: the bureau plans them, a department officer sees its unit's tasks
// and moves only status and progress, notes carry progress into the task atomically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../users/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeOrganization, makeTenant } from '../../test/support/factories.ts';
import { apiClient } from '../../test/support/api-client.ts';
import { makeTestApp } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

const paths = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path).sort();
const setup = async () => {
  const tenant = await makeTenant(tdb.handle.db);
  const lead = await makeOrganization(tdb.handle.db, tenant, 'department', '发改委');
  const co = await makeOrganization(tdb.handle.db, tenant, 'department', '人社局');
  const other = await makeOrganization(tdb.handle.db, tenant, 'department', '财政局');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = null) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const task = async (extra: Record<string, unknown> = {}): Promise<any> =>
    (await bureau.call('POST', '/tasks', { title: '建设产教融合实训基地', clause: '第三条', leadUnitId: lead.id, coUnitIds: [co.id], dueOn: '2026-12-31', ...extra })).body;
  const audit = (entityId: string) =>
    withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select(['entity', 'action']).where('entity_id', '=', entityId).orderBy('at').execute());
  return { tenant, lead, co, other, bureau, as, task, audit };
};

describe('policy tasks', () => {
  it('are planned by the bureau with a lead unit and co-units, starting at 0 %', async () => {
    const { co, task } = await setup();
    expect(await task()).toMatchObject({ coUnitIds: [co.id], status: 'not_started', progress: 0, dueOn: '2026-12-31', version: 1 });
  });

  it('name every bad field, including a co-unit that is no department', async () => {
    const { tenant, co, bureau } = await setup();
    const school = await makeOrganization(tdb.handle.db, tenant, 'school', '某学校');
    const res = await bureau.call('POST', '/tasks', { title: '', status: 'late', progress: 101, dueOn: '2026-02-30' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['dueOn', 'progress', 'status', 'title']);
    const refs = await bureau.call('POST', '/tasks', { title: '任务', leadUnitId: school.id, coUnitIds: [co.id, school.id] });
    expect(paths(refs.body)).toEqual(['coUnitIds.1', 'leadUnitId']);
  });

  it('accept progress 0 and 100 and refuse -1', async () => {
    const { bureau, task } = await setup();
    const t = await task({ progress: 100 });
    expect(t.progress).toBe(100);
    expect((await bureau.call('PATCH', `/tasks/${t.id}`, { progress: 0, version: 1 })).body.progress).toBe(0);
    expect((await bureau.call('PATCH', `/tasks/${t.id}`, { progress: -1, version: 2 })).status).toBe(422);
  });

  it('are filtered by status', async () => {
    const { bureau, task } = await setup();
    await task({ title: '已完成', status: 'done' });
    await task({ title: '未开始' });
    expect((await bureau.call('GET', '/tasks?status=done')).body.items.map((t: { title: string }) => t.title)).toEqual(['已完成']);
  });

  it('refuse a stale version with 409', async () => {
    const { bureau, task } = await setup();
    const t = await task();
    await bureau.call('PATCH', `/tasks/${t.id}`, { status: 'in_progress', version: 1 });
    expect((await bureau.call('PATCH', `/tasks/${t.id}`, { status: 'done', version: 1 })).status).toBe(409);
  });

  it('are audited on every write', async () => {
    const { bureau, task, audit } = await setup();
    const t = await task();
    await bureau.call('PATCH', `/tasks/${t.id}`, { status: 'in_progress', version: 1 });
    expect(await audit(t.id)).toEqual([{ entity: 'task', action: 'create' }, { entity: 'task', action: 'update' }]);
  });

  it('are not found from another tenant', async () => {
    const { task } = await setup();
    const t = await task();
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/tasks/${t.id}`)).status).toBe(404);
    expect((await stranger.call('GET', `/tasks/${t.id}/notes`)).status).toBe(404);
    expect((await stranger.call('POST', `/tasks/${t.id}/notes`, { note: '进展' })).status).toBe(404);
  });
});

describe('a department officer', () => {
  it('sees the tasks its unit leads or co-leads and no others', async () => {
    const { lead, co, other, as, task } = await setup();
    await task({ title: '牵头', leadUnitId: lead.id, coUnitIds: [] });
    await task({ title: '配合', leadUnitId: other.id, coUnitIds: [co.id] });
    const hidden = await task({ title: '无关', leadUnitId: other.id, coUnitIds: [] });
    expect((await (await as('department_officer', lead.id)).call('GET', '/tasks?sort=title')).body.items.map((t: { title: string }) => t.title)).toEqual(['牵头']);
    const coOfficer = await as('department_officer', co.id);
    expect((await coOfficer.call('GET', '/tasks')).body.items.map((t: { title: string }) => t.title)).toEqual(['配合']);
    expect((await coOfficer.call('GET', `/tasks/${hidden.id}`)).status).toBe(404);
  });

  it('changes status and progress of its tasks, and nothing else (403)', async () => {
    const { co, as, task } = await setup();
    const t = await task();
    const officer = await as('department_officer', co.id);
    expect((await officer.call('PATCH', `/tasks/${t.id}`, { status: 'in_progress', progress: 30, version: 1 })).body).toMatchObject({ status: 'in_progress', progress: 30 });
    expect((await officer.call('PATCH', `/tasks/${t.id}`, { dueOn: '2027-06-30', version: 2 })).status).toBe(403);
    expect((await officer.call('POST', '/tasks', { title: '自建任务', leadUnitId: co.id })).status).toBe(403);
    expect((await officer.call('DELETE', `/tasks/${t.id}?version=2`)).status).toBe(403);
  });
});

describe('other roles', () => {
  it('let an evaluator read tasks and their notes but write nothing', async () => {
    const { as, task } = await setup();
    const t = await task();
    const evaluator = await as('evaluator');
    expect((await evaluator.call('GET', `/tasks/${t.id}/notes`)).status).toBe(200);
    expect((await evaluator.call('PATCH', `/tasks/${t.id}`, { progress: 10, version: 1 })).status).toBe(403);
    expect((await evaluator.call('POST', `/tasks/${t.id}/notes`, { note: '评估意见' })).status).toBe(403);
  });

  it('keep schools and enterprises out of tasks altogether (403)', async () => {
    const { as, task } = await setup();
    const t = await task();
    for (const role of ['school_admin', 'teacher', 'enterprise_mentor'] as const) {
      const api = await as(role);
      expect((await api.call('GET', '/tasks')).status).toBe(403);
      expect((await api.call('GET', `/tasks/${t.id}`)).status).toBe(403);
      expect((await api.call('GET', `/tasks/${t.id}/notes`)).status).toBe(403);
    }
  });
});

describe('task notes', () => {
  it("carry a progress into the task, with an audit row for the note and for the task's change", async () => {
    const { lead, as, task, audit } = await setup();
    const t = await task();
    const officer = await as('department_officer', lead.id);
    const res = await officer.call('POST', `/tasks/${t.id}/notes`, { note: '已完成选址', progress: 40 });
    expect(res.status).toBe(201);
    expect(res.body.note).toMatchObject({ note: '已完成选址', progress: 40, authorUserId: officer.userId });
    expect(res.body.task).toMatchObject({ progress: 40, version: 2 });
    expect(await audit(t.id)).toEqual([{ entity: 'task', action: 'create' }, { entity: 'task', action: 'update' }]);
    expect(await audit(res.body.note.id)).toEqual([{ entity: 'task_note', action: 'create' }]);
  });

  it("leave the task's progress alone when the note carries none", async () => {
    const { bureau, task } = await setup();
    const t = await task({ progress: 20 });
    const res = await bureau.call('POST', `/tasks/${t.id}/notes`, { note: '推进中' });
    expect(res.body.task).toMatchObject({ progress: 20, version: 1 });
  });

  it('are listed oldest first', async () => {
    const { bureau, task } = await setup();
    const t = await task();
    await bureau.call('POST', `/tasks/${t.id}/notes`, { note: '第一条' });
    await bureau.call('POST', `/tasks/${t.id}/notes`, { note: '第二条', progress: 50 });
    expect((await bureau.call('GET', `/tasks/${t.id}/notes`)).body.items.map((n: { note: string }) => n.note)).toEqual(['第一条', '第二条']);
  });

  it('refuse a bad note with every field named and write nothing', async () => {
    const { bureau, task } = await setup();
    const t = await task();
    const res = await bureau.call('POST', `/tasks/${t.id}/notes`, { note: '', progress: 101 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['note', 'progress']);
    expect((await bureau.call('GET', `/tasks/${t.id}/notes`)).body.items).toEqual([]);
  });

  it('are refused to an officer of an unrelated unit as not found', async () => {
    const { other, as, task } = await setup();
    const t = await task();
    expect((await (await as('department_officer', other.id)).call('POST', `/tasks/${t.id}/notes`, { note: '越权' })).status).toBe(404);
  });
});
