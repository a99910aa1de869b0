// Per-address limit across accounts (issue 8 point 3): 30 failed sign-ins from one address in 10
// minutes and that address is refused for any account, in any tenant, until the window passes.
// Kept in Postgres, so every API process counts the same failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { IP_FAILURE_LIMIT } from './login-failures.ts';
import { login } from './login.ts';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.handle.db;
});
afterAll(() => tdb.drop());

const T0 = new Date('2026-03-01T08:00:00Z');
const attempt = (tenant: Tenant, email: string, password: string, ip: string, now = T0) =>
  withTenant(db, tenant.id, (tx) => login(tx, { tenant, email, password, ip, now }));

describe('the per-address sign-in limit', () => {
  it('refuses an address after 30 failures spread over many accounts, even with a right password', async () => {
    const tenant = await makeTenant(db);
    const victim = await makeUser(db, tenant, { role: 'teacher', totp: false });
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      expect(await attempt(tenant, `user${i}@example.cn`, 'Wrong-password-1', '203.0.113.7')).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await attempt(tenant, victim.email, victim.password, '203.0.113.7')).toEqual({ ok: false, reason: 'rateLimited' });
    expect((await attempt(tenant, victim.email, victim.password, '203.0.113.8')).ok).toBe(true);
  });

  it('counts across tenants', async () => {
    const [a, b] = [await makeTenant(db), await makeTenant(db)];
    const user = await makeUser(db, b, { role: 'teacher', totp: false });
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) await attempt(a, `user${i}@example.cn`, 'Wrong-password-1', '198.51.100.9');
    expect(await attempt(b, user.email, user.password, '198.51.100.9')).toEqual({ ok: false, reason: 'rateLimited' });
  });

  it('lets the address in again once the 10-minute window has passed', async () => {
    const tenant = await makeTenant(db);
    const user = await makeUser(db, tenant, { role: 'teacher', totp: false });
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) await attempt(tenant, `user${i}@example.cn`, 'Wrong-password-1', '192.0.2.44');
    expect((await attempt(tenant, user.email, user.password, '192.0.2.44', new Date(T0.getTime() + 10 * 60_000 - 1))).ok).toBe(false);
    expect((await attempt(tenant, user.email, user.password, '192.0.2.44', new Date(T0.getTime() + 10 * 60_000))).ok).toBe(true);
  });

  it('is not reached by 29 failures', async () => {
    const tenant = await makeTenant(db);
    const user = await makeUser(db, tenant, { role: 'teacher', totp: false });
    for (let i = 0; i < IP_FAILURE_LIMIT - 1; i++) await attempt(tenant, `user${i}@example.cn`, 'Wrong-password-1', '192.0.2.99');
    expect((await attempt(tenant, user.email, user.password, '192.0.2.99')).ok).toBe(true);
  });
});
