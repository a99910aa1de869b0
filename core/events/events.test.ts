// Events over the API: kinds and counts, a school admin keeping only the events its school
// organises, read-only roles, audit, concurrency and the tenant wall.
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
  const school = await makeOrganization(tdb.handle.db, tenant, 'school', '第一职业学校');
  const bureau = await apiClient(app, tdb.handle.db, tenant);
  const as = (role: Role, organizationId: string | null = school.id) => apiClient(app, tdb.handle.db, tenant, { role, organizationId });
  const event = (extra: Record<string, unknown> = {}) => ({ kind: 'supply_demand_fair', title: '春季校企供需洽谈会', heldOn: '2026-04-18', organiserId: school.id, participants: '32 家企业', enterpriseCount: 32, agreementsSigned: 5, attendeeCount: 600, ...extra });
  return { tenant, school, bureau, as, event };
};

describe('events', () => {
  it('are recorded with their counts', async () => {
    const { bureau, event } = await setup();
    const res = await bureau.call('POST', '/events', event());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'supply_demand_fair', heldOn: '2026-04-18', enterpriseCount: 32, agreementsSigned: 5, attendeeCount: 600, version: 1 });
  });

  it('name every bad field, including minutes that are not an attachment of the tenant', async () => {
    const { bureau, event } = await setup();
    const res = await bureau.call('POST', '/events', event({ kind: 'party', title: '', heldOn: '2026-04-31', agreementsSigned: -1, attendeeCount: 1.5 }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['agreementsSigned', 'attendeeCount', 'heldOn', 'kind', 'title']);
    const minutes = await bureau.call('POST', '/events', event({ minutesAttachmentId: '00000000-0000-4000-8000-000000000000' }));
    expect(paths(minutes.body)).toEqual(['minutesAttachmentId']);
  });

  it('are filtered by kind and date', async () => {
    const { bureau, event } = await setup();
    await bureau.call('POST', '/events', event({ kind: 'committee_meeting', title: '上半年委员会', heldOn: '2026-03-10' }));
    await bureau.call('POST', '/events', event({ kind: 'committee_meeting', title: '下半年委员会', heldOn: '2026-09-10' }));
    await bureau.call('POST', '/events', event());
    const res = await bureau.call('GET', '/events?kind=committee_meeting&heldFrom=2026-09-10');
    expect(res.body.items.map((e: { title: string }) => e.title)).toEqual(['下半年委员会']);
  });

  it('are updated with a version; a stale one gets 409; each write is audited', async () => {
    const { tenant, bureau, event } = await setup();
    const created = (await bureau.call('POST', '/events', event())).body;
    expect((await bureau.call('PATCH', `/events/${created.id}`, { agreementsSigned: 6, version: 1 })).body).toMatchObject({ agreementsSigned: 6, version: 2 });
    expect((await bureau.call('PATCH', `/events/${created.id}`, { agreementsSigned: 7, version: 1 })).status).toBe(409);
    const audit = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'event').where('entity_id', '=', created.id).orderBy('at').execute());
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('are kept by a school admin for events its school organises only', async () => {
    const { bureau, as, event } = await setup();
    const admin = await as('school_admin');
    expect((await admin.call('POST', '/events', event())).status).toBe(201);
    expect((await admin.call('POST', '/events', event({ organiserId: null }))).status).toBe(403);
    const bureaus = (await bureau.call('POST', '/events', event({ organiserId: null, kind: 'board_meeting' }))).body;
    expect((await admin.call('GET', `/events/${bureaus.id}`)).status).toBe(200);
    expect((await admin.call('PATCH', `/events/${bureaus.id}`, { title: '改', version: 1 })).status).toBe(403);
  });

  it('are read but not written by teachers and evaluators, and hidden from officers and mentors', async () => {
    const { bureau, as, event } = await setup();
    await bureau.call('POST', '/events', event());
    for (const role of ['teacher', 'evaluator'] as const) {
      const api = await as(role);
      expect((await api.call('GET', '/events')).body.items).toHaveLength(1);
      expect((await api.call('POST', '/events', event())).status).toBe(403);
    }
    for (const role of ['department_officer', 'enterprise_mentor'] as const) expect((await (await as(role, null)).call('GET', '/events')).status).toBe(403);
  });

  it('are not found from another tenant', async () => {
    const { bureau, event } = await setup();
    const created = (await bureau.call('POST', '/events', event())).body;
    const stranger = await apiClient(app, tdb.handle.db, await makeTenant(tdb.handle.db));
    expect((await stranger.call('GET', `/events/${created.id}`)).status).toBe(404);
  });
});
