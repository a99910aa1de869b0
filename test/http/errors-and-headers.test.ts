// Errors reach clients as a code, a message in their language and per-field issues, never a
// stack trace or SQL; every response carries the secure headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../core/tenancy/schema.ts';
import { makeTenant, makeUser } from '../support/factories.ts';
import { makeTestApp, signIn, TEST_ORIGIN, json } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let tdb: TestDatabase;
let app: ReturnType<typeof makeTestApp>['app'];
let tenant: Tenant;
let cookie: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = makeTestApp(tdb.handle.db).app;
  tenant = await makeTenant(tdb.handle.db);
  const user = await makeUser(tdb.handle.db, tenant);
  cookie = await signIn(app, tenant.slug, user.email, user.password);
});
afterAll(() => tdb.drop());

const badPasswordChange = (lang: string) =>
  app.request(`/api/v1/t/${tenant.slug}/me/password`, {
    method: 'PUT',
    headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify({ currentPassword: '', newPassword: 'short' }),
  });

describe('an invalid request', () => {
  it('gets 422 listing every bad field, in Chinese by default', async () => {
    const res = await badPasswordChange('zh-CN,zh;q=0.9');
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.code).toBe('Invalid');
    expect(body.message).toBe('提交的内容有误，请按提示修改。');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['currentPassword', 'newPassword', 'newPassword']);
    const messages = body.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('密码至少需要 12 个字符。');
    expect(messages).toContain('密码需包含大写字母、小写字母、数字、符号中的至少 3 类。');
    // zod's own checks speak Chinese too (here: the empty current password).
    expect(body.issues.find((i: { path: string }) => i.path === 'currentPassword').message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('gets the same issues in English when the client asks for English', async () => {
    const res = await badPasswordChange('en-US,en;q=0.9');
    const body = await json(res);
    expect(body.message).toBe('Some fields need correcting.');
    const messages = body.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('The password needs at least 12 characters.');
    expect(messages).toContain('The password needs at least 3 of: upper case, lower case, digits, symbols.');
  });

  it('prefers the language cookie over Accept-Language', async () => {
    const res = await app.request(`/api/v1/t/${tenant.slug}/me`, { headers: { cookie: 'lang=en', 'accept-language': 'zh-CN' } });
    expect((await json(res)).message).toBe('Please sign in.');
  });

  it('with a body that is not JSON gets 422, not a crash', async () => {
    const res = await app.request(`/api/v1/t/${tenant.slug}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(422);
  });
});

describe('every response', () => {
  it('carries a request id and the secure headers', async () => {
    const res = await app.request('/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('cross-site form posts (CSRF)', () => {
  const post = (origin: string) =>
    app.request(`/t/${tenant.slug}/logout`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });

  it('are rejected with 403 and change nothing', async () => {
    const res = await post('https://evil.example');
    expect(res.status).toBe(403);
    expect((await app.request(`/api/v1/t/${tenant.slug}/me`, { headers: { cookie } })).status).toBe(200);
  });

  it('from our own origin go through', async () => {
    const res = await app.request(`/t/${tenant.slug}/login`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=nobody%40example.cn&password=x',
    });
    expect(res.status).toBe(401);
  });
});

describe('/healthz and /readyz', () => {
  it('healthz answers ok', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok' });
  });

  it('readyz answers ok when every dependency answers', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
  });
});

describe('/readyz with a dependency down', () => {
  it('answers 503 naming what is down', async () => {
    const { app: degraded } = makeTestApp(tdb.handle.db, {
      readiness: [
        { name: 'database', check: async () => undefined },
        { name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')) },
      ],
    });
    const res = await degraded.request('/readyz');
    expect(res.status).toBe(503);
    expect(await json(res)).toMatchObject({ status: 'unavailable', down: ['redis'], checks: { database: 'ok', redis: 'down' } });
  });
});

describe('an unexpected failure', () => {
  const broken = () => {
    const fail = () => Promise.reject(new Error('relation "secret_table" does not exist: SELECT * FROM secret_table'));
    return makeTestApp(tdb.handle.db, { tenants: { bySlug: fail, platform: fail, list: fail, all: fail } }).app;
  };

  it('answers JSON callers 500 with a code, a message and the request id, but no SQL or stack', async () => {
    const res = await broken().request(`/api/v1/t/${tenant.slug}/me`, { headers: { 'x-request-id': 'req-broken-0001' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'Internal', requestId: 'req-broken-0001' });
    expect(text).not.toMatch(/secret_table|SELECT|at .*\.ts/);
  });

  it('shows people an error page with the request id', async () => {
    const res = await broken().request(`/t/${tenant.slug}/login`, { headers: { 'x-request-id': 'req-broken-0002' } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('req-broken-0002');
    expect(html).not.toContain('secret_table');
  });
});
