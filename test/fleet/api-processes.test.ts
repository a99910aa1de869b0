// Two `start:api` processes on one PostgreSQL are interchangeable behind a load balancer:
// sessions live in the database, so a session made on one works, and ends, on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { makeOrganization, makeTenant, makeUser } from '../support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { startApiProcess, type ApiProcess } from './api-process.ts';

// Both sit behind one address, as behind a load balancer; browsers send it as Origin.
const PUBLIC_URL = 'http://localhost:8080';

let tdb: TestDatabase;
let apis: ApiProcess[] = [];
let tenant: Tenant;
let user: { email: string; password: string };

const signIn = async (origin: string) => {
  const res = await fetch(`${origin}/api/v1/t/${tenant.slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.includes('cj_session='))!.split(';')[0]!;
};
const me = (origin: string, cookie: string) => fetch(`${origin}/api/v1/t/${tenant.slug}/me`, { headers: { cookie } });

describe.skipIf(testEngine() !== 'postgres')('two API processes on one PostgreSQL', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tenant = await makeTenant(tdb.handle.db);
    const school = await makeOrganization(tdb.handle.db, tenant);
    user = await makeUser(tdb.handle.db, tenant, { role: 'teacher', organizationId: school.id, totp: false });
    // Both start (and migrate) at once, as a fleet does after a deploy.
    apis = await Promise.all([1, 2].map(() => startApiProcess({ DATABASE_URL: tdb.ownerUrl!, PUBLIC_URL })));
  }, 400_000);
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.kill()));
    await tdb?.drop();
  });

  it('accepts on the second a session made on the first', async () => {
    const cookie = await signIn(apis[0]!.origin);
    const res = await me(apis[1]!.origin, cookie);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { email: string } }).user.email).toBe(user.email);
  });

  it('ends on the first a session signed out on the second', async () => {
    const cookie = await signIn(apis[0]!.origin);
    const out = await fetch(`${apis[1]!.origin}/api/v1/t/${tenant.slug}/session`, {
      method: 'DELETE',
      headers: { cookie, origin: PUBLIC_URL },
    });
    expect(out.status).toBeLessThan(300);
    expect((await me(apis[0]!.origin, cookie)).status).toBe(401);
  });

  it('are both ready', async () => {
    for (const api of apis) expect((await fetch(`${api.origin}/healthz`)).status).toBe(200);
  });
});
