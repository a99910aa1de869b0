// Attachments: what goes up comes down byte for byte, only documents and images, only within
// the tenant, and an agreement can point at its signed copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCreditCodeCheck } from '../identifiers/credit-code.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import type { Role } from '../users/schema.ts';
import { makeOrganization, makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

async function as(role: Role = 'bureau_admin', tenant?: Awaited<ReturnType<typeof makeTenant>>) {
  const t = tenant ?? (await makeTenant(tdb.handle.db));
  const user = await makeUser(tdb.handle.db, t, { role });
  const cookie = await signIn(app, t.slug, user.email, user.password);
  const request = (method: string, path: string, body?: FormData | string) =>
    app.request(`/api/v1/t/${t.slug}${path}`, {
      method,
      headers: { cookie, origin: TEST_ORIGIN, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
  const upload = (name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set('file', new File([Uint8Array.from(bytes)], name));
    return request('POST', '/attachments', form);
  };
  return { tenant: t, user, request, upload };
}

const pdf = new TextEncoder().encode('%PDF-1.7\n协议正文\n%%EOF');

describe('an uploaded attachment', () => {
  it('downloads byte for byte, as an attachment, with its checksum', async () => {
    const { upload, request } = await as();
    const up = await upload('校企合作协议.pdf', pdf);
    expect(up.status).toBe(201);
    const meta = await json(up);
    expect(meta).toMatchObject({ filename: '校企合作协议.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength });
    const down = await request('GET', `/attachments/${meta.id}`);
    expect(down.status).toBe(200);
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(pdf);
    expect(down.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(down.headers.get('etag')).toBe(`"${meta.sha256}"`);
  });

  it('is audited', async () => {
    const { tenant, upload } = await as();
    const meta = await json(await upload('纪要.pdf', pdf));
    const rows = await withTenant(tdb.handle.db, tenant.id, (tx) => tx.selectFrom('audit_log').select('action').where('entity', '=', 'attachment').where('entity_id', '=', meta.id).execute());
    expect(rows).toEqual([{ action: 'create' }]);
  });

  it('can be the signed copy of an agreement', async () => {
    const { tenant, upload, request } = await as();
    const meta = await json(await upload('协议.pdf', pdf));
    const school = await makeOrganization(tdb.handle.db, tenant, 'school', '学校');
    const enterprise = await withTenant(tdb.handle.db, tenant.id, (tx) =>
      tx.insertInto('organizations').values({ tenant_id: tenant.id, kind: 'enterprise', name: '企业', credit_code: withCreditCodeCheck('91370300MA3C0A0X0') }).returning('id').executeTakeFirstOrThrow(),
    );
    const res = await request('POST', '/agreements', JSON.stringify({ schoolId: school.id, enterpriseId: enterprise.id, mode: 'order_class', title: '订单培养协议', attachmentId: meta.id }));
    expect(res.status).toBe(201);
  });
});

describe('uploading', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

  it('accepts PDF, PNG and JPEG, typed from their bytes', async () => {
    const { upload } = await as();
    expect(await json(await upload('保单.png', png))).toMatchObject({ contentType: 'image/png' });
    expect(await json(await upload('扫描件.JPG', jpeg))).toMatchObject({ contentType: 'image/jpeg' });
    // A PNG named .jpg is stored (and later served) as the PNG it is.
    expect(await json(await upload('扫描件.jpg', png))).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses a file whose bytes are not PDF, PNG or JPEG, whatever its name says', async () => {
    const { upload } = await as();
    const res = await upload('协议.pdf', new TextEncoder().encode('MZ\x90\x00 not a pdf'));
    expect(res.status).toBe(422);
    expect((await json(res)).issues[0]).toMatchObject({ path: 'file', message: expect.stringContaining('PDF') });
  });

  it('refuses Word and Excel files now that only scans are kept', async () => {
    const { upload } = await as();
    expect((await upload('协议.docx', pdf)).status).toBe(422);
  });

  it('refuses a body over the size limit before reading it', async () => {
    const { upload } = await as();
    const big = new Uint8Array(20 * 1024 * 1024 + 100 * 1024);
    big.set(pdf);
    const res = await upload('大文件.pdf', big);
    expect(res.status).toBe(422);
    expect((await json(res)).issues[0].path).toBe('file');
  });

  it('serves downloads so that no browser renders or caches them', async () => {
    const { upload, request } = await as();
    const meta = await json(await upload('协议.pdf', pdf));
    const down = await request('GET', `/attachments/${meta.id}`);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(down.headers.get('cache-control')).toContain('no-store');
  });

  it('refuses a file type that is not a document or image with 422 naming the file', async () => {
    const { upload } = await as();
    const res = await upload('script.exe', new Uint8Array([1, 2, 3]));
    expect(res.status).toBe(422);
    expect((await json(res)).issues[0].path).toBe('file');
  });

  it('refuses a request without a file', async () => {
    const { request } = await as();
    expect((await request('POST', '/attachments', new FormData())).status).toBe(422);
  });

  it('is not for enterprise mentors or department officers (403)', async () => {
    for (const role of ['enterprise_mentor', 'department_officer'] as const) {
      const { upload } = await as(role);
      expect((await upload('a.pdf', pdf)).status).toBe(403);
    }
  });
});

describe('across tenants', () => {
  it("answers 404 for another tenant's attachment", async () => {
    const mine = await as();
    const theirs = await as();
    const meta = await json(await theirs.upload('别人的.pdf', pdf));
    expect((await mine.request('GET', `/attachments/${meta.id}`)).status).toBe(404);
    expect((await mine.request('GET', '/attachments/not-a-uuid')).status).toBe(404);
  });
});
