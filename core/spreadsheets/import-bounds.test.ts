// Imports are bounded (issue 8 point 9): a zip bomb, a zip that lies about its sizes, too many
// entries or too many rows are refused with a clear error naming the file, before parsing.
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeUser } from '../../test/support/factories.ts';
import { json, makeTestApp, signIn, TEST_ORIGIN } from '../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { IMPORT_LIMITS } from './spreadsheet-routes.ts';
import { writeWorkbook } from './write-workbook.ts';
import { checkZipBounds } from './zip-bounds.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
});
afterAll(() => tdb.drop());

/** A ZIP of deflated entries; `declared` overrides the uncompressed size written in the headers. */
function zip(entries: { name: string; data: Buffer; declared?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.declared ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declared ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const bomb = () => zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(IMPORT_LIMITS.maxUnpackedBytes + 1024 * 1024, 0x20) }]);

async function uploader() {
  const tenant = await makeTenant(tdb.handle.db);
  const user = await makeUser(tdb.handle.db, tenant);
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  return async (bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.set('file', new File([Uint8Array.from(bytes)], name));
    const res = await app.request(`/api/v1/t/${tenant.slug}/imports/organizations/preview`, { method: 'POST', headers: { cookie, origin: TEST_ORIGIN }, body: form });
    return { status: res.status, body: await json(res) };
  };
}

describe('checking a zip before it is unpacked', () => {
  it('passes a real workbook and tells what it unpacks to', async () => {
    const file = await writeWorkbook('s', [{ header: '名称' }], [['企业']]);
    const verdict = checkZipBounds(file, { maxEntries: 200, maxBytes: 10_000_000 });
    expect(verdict).toMatchObject({ ok: true });
  });

  it('stops a bomb at the limit, whatever sizes it declares', () => {
    const small = 1000;
    const lying = zip([{ name: 'a.xml', data: Buffer.alloc(5_000_000, 0x20), declared: small }]);
    expect(checkZipBounds(lying, { maxEntries: 10, maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses too many entries and bytes that are no zip', () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(checkZipBounds(many, { maxEntries: 10, maxBytes: 1_000_000 })).toEqual({ ok: false, reason: 'too_large' });
    expect(checkZipBounds(new TextEncoder().encode('not a zip at all, just text'), { maxEntries: 10, maxBytes: 1000 })).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('uploading for import', () => {
  it('refuses a zip bomb named .xlsx with 422 and a message saying why', async () => {
    const upload = await uploader();
    const file = bomb();
    expect(file.byteLength).toBeLessThan(1024 * 1024);
    const res = await upload(file, 'enterprises.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'file', message: expect.stringContaining('压缩炸弹') })]);
  });

  it('refuses a sheet of more rows than an import may hold, naming the limit', async () => {
    const upload = await uploader();
    const lines = ['类型,名称', ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => `企业,企业${i}`)];
    const res = await upload(new TextEncoder().encode(lines.join('\n')), 'big.csv');
    expect(res.status).toBe(422);
    expect(res.body.issues[0].message).toContain(String(IMPORT_LIMITS.maxRows));
  });
});
