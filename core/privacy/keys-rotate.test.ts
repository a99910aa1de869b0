// Key rotation (issue 8 point 6): with a new key first in PII_KEYS, `npm run keys:rotate`
// re-seals every value sealed with the PII keyring — 身份证号 and TOTP secrets, enabled and
// pending — so that afterwards the old key can leave the environment and nothing stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyring, parseKeyList } from '../crypto/pii-crypto.ts';
import { maskIdNumber } from '../identifiers/id-number.ts';
import { makeOrganization, makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { TEST_PII_ENV, testPii } from '../../test/support/test-pii.ts';
import { makeStudent } from '../students/test-fixtures.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { openTotpSecret, sealTotpSecret } from '../two-factor/totp-secret.ts';
import { rotatePiiKeys, sealedWithOtherKeys } from './rotate-keys.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());
const db = () => tdb.handle.db;

const NEXT_KEY = `next:${Buffer.alloc(32, 42).toString('base64')}`;
const hmacKey = Buffer.from(TEST_PII_ENV.PII_HMAC_KEY, 'base64');
/** During the rotation: the new key first, the old one still listed. */
const rotating = keyring(parseKeyList(`${NEXT_KEY},${TEST_PII_ENV.PII_KEYS}`), hmacKey);
/** After it: the old key gone from the environment. */
const nextOnly = keyring(parseKeyList(NEXT_KEY), hmacKey);

describe('npm run keys:rotate', () => {
  it('re-seals ID numbers and TOTP secrets so the old key can be removed: sign-in with TOTP and ID numbers still work', async () => {
    const tenant = await makeTenant(db());
    const school = await makeOrganization(db(), tenant, 'school', '轮换学校');
    const admin = await makeUser(db(), tenant, { role: 'school_admin', organizationId: school.id });
    const enrolling = await makeUser(db(), tenant, { role: 'teacher', totp: false });
    await withTenant(db(), tenant.id, (tx) => {
      const sealed = sealTotpSecret(testPii, tenant.id, enrolling.id, 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU');
      return tx.updateTable('users').set({ totp_pending_ciphertext: sealed.totp_secret_ciphertext, totp_pending_key_id: sealed.totp_secret_key_id }).where('id', '=', enrolling.id).execute();
    });
    const student = await makeStudent(db(), tenant, school.id);
    const adminRow = () => withTenant(db(), tenant.id, (tx) => tx.selectFrom('users').selectAll().where('id', '=', admin.id).executeTakeFirstOrThrow());

    // Before the rotation the new key alone opens nothing: the test below can fail.
    const before = await adminRow();
    expect(() => openTotpSecret(nextOnly, before)).toThrow(/not configured/);
    expect(await sealedWithOtherKeys(db(), rotating, tenant.id)).toBe(3);

    const report = await rotatePiiKeys(db(), rotating);
    expect(report.byTenant[tenant.slug]).toEqual({ idNumbers: 1, totpSecrets: 2 });
    expect(report.remaining).toBe(0);
    const keyIds = await withTenant(db(), tenant.id, async (tx) => ({
      students: (await tx.selectFrom('students').select('id_number_key_id').execute()).map((r) => r.id_number_key_id),
      users: (await tx.selectFrom('users').select(['totp_secret_key_id', 'totp_pending_key_id']).execute()).flatMap((r) => [r.totp_secret_key_id, r.totp_pending_key_id]).filter(Boolean),
    }));
    expect(keyIds).toEqual({ students: ['next'], users: ['next', 'next'] });
    // Running it again has nothing left to do.
    expect((await rotatePiiKeys(db(), rotating)).byTenant[tenant.slug]).toEqual({ idNumbers: 0, totpSecrets: 0 });

    // The app configured with the new key only.
    const { app } = makeTestApp(db(), { env: { PII_KEYS: NEXT_KEY } });
    const cookie = await signIn(app, tenant.slug, admin.email, admin.password);
    const get = (path: string) => app.request(`/api/v1/t/${tenant.slug}${path}`, { headers: { cookie, origin: TEST_ORIGIN } });
    const shown = await get(`/students/${student.id}`);
    expect(shown.status).toBe(200);
    expect((await json(shown)).idNumber).toBe(maskIdNumber(student.idNumber));
    const unmasked = await get(`/students/${student.id}/unmasked?fields=idNumber`);
    expect(unmasked.status).toBe(200);
    expect((await json(unmasked)).idNumber).toBe(student.idNumber);
    // The pending enrolment survives too: its secret opens with the new key alone.
    const pending = await withTenant(db(), tenant.id, (tx) => tx.selectFrom('users').selectAll().where('id', '=', enrolling.id).executeTakeFirstOrThrow());
    expect(openTotpSecret(nextOnly, { ...pending, totp_secret_ciphertext: pending.totp_pending_ciphertext, totp_secret_key_id: pending.totp_pending_key_id })).toBe(
      'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
    );
  });
});
