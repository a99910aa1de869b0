// SIGTERM to an API process: it stops accepting connections, finishes the requests in flight,
// closes its pools and exits 0; a request still running after 10 s no longer holds it up.
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { makeOrganization, makeTenant, makeUser } from '../support/factories.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { startApiProcess, type ApiProcess } from './api-process.ts';
import { portAccepts } from './ports.ts';

let tdb: TestDatabase;
let tenant: Tenant;
let user: { email: string; password: string };
let api: ApiProcess | undefined;

/** Holds an exclusive lock on sessions, so every authenticated request waits in the database. */
async function holdSessionsLock(ownerUrl: string) {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = owner.begin(async (tx) => {
    await tx`lock table sessions in access exclusive mode`;
    locked();
    await released;
  });
  await isLocked;
  return {
    async release() {
      release();
      await done;
      await owner.end();
    },
  };
}

async function signIn(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/t/${tenant.slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.includes('cj_session='))!.split(';')[0]!;
}

/** Time for a request to reach the server: it is only "in flight" once it has arrived. */
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(testEngine() !== 'postgres')('SIGTERM to an API process', () => {
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tenant = await makeTenant(tdb.handle.db);
    const school = await makeOrganization(tdb.handle.db, tenant);
    user = await makeUser(tdb.handle.db, tenant, { role: 'teacher', organizationId: school.id, totp: false });
  });
  afterEach(async () => {
    await api?.kill();
    api = undefined;
  });
  afterAll(() => tdb?.drop());

  it('stops accepting, finishes the request in flight, and exits 0', async () => {
    api = await startApiProcess({ DATABASE_URL: tdb.ownerUrl! });
    const port = Number(new URL(api.origin).port);
    const cookie = await signIn(api.origin);
    const lock = await holdSessionsLock(tdb.ownerUrl!);
    const inFlight = fetch(`${api.origin}/api/v1/t/${tenant.slug}/me`, { headers: { cookie } });
    await settle(500);

    api.child.kill('SIGTERM');
    await settle(500);
    const acceptsDuringShutdown = await portAccepts(port);
    const exitedEarly = api.child.exitCode !== null;
    await lock.release();
    const res = await inFlight;

    expect(acceptsDuringShutdown).toBe(false);
    expect(exitedEarly).toBe(false);
    expect(res.status).toBe(200);
    expect((await api.exited).code).toBe(0);
    expect(api.output()).toContain('shutting down');
    // Starting the process (tsx, migrations check) is most of it on a busy machine.
  }, 240_000);

  it('exits within the 10 s bound when a request does not finish', async () => {
    api = await startApiProcess({ DATABASE_URL: tdb.ownerUrl! });
    const cookie = await signIn(api.origin);
    const lock = await holdSessionsLock(tdb.ownerUrl!);
    try {
      const stuck = fetch(`${api.origin}/api/v1/t/${tenant.slug}/me`, { headers: { cookie } }).catch(() => 'cut off');
      await settle(500);
      const sent = Date.now();
      api.child.kill('SIGTERM');
      const { code, at } = await api.exited;
      expect(code).toBe(1);
      expect(at - sent).toBeGreaterThanOrEqual(9_000);
      // 10 s, plus what a busy machine adds to exiting.
      expect(at - sent).toBeLessThan(20_000);
      expect(await stuck).toBe('cut off');
    } finally {
      await lock.release();
    }
  }, 240_000);
});
