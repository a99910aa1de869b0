// Response headers of issue 8 point 10: a CSP whose scripts need this response's nonce, HSTS
// only behind https, and no caching of anything a tenant's pages or JSON show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../support/factories.ts';
import { makeTestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';

let tdb: TestDatabase;
let tenant: Tenant;
beforeAll(async () => {
  tdb = await createTestDatabase();
  tenant = await makeTenant(tdb.handle.db);
});
afterAll(() => tdb.drop());

const scriptSrc = (csp: string | null) => csp?.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';

describe('Content-Security-Policy', () => {
  it('allows inline scripts only with a nonce that changes with every response', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    const first = await app.request(`/t/${tenant.slug}/login`);
    const second = await app.request(`/t/${tenant.slug}/login`);
    const [a, b] = [scriptSrc(first.headers.get('content-security-policy')), scriptSrc(second.headers.get('content-security-policy'))];
    expect(a).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
    expect(a).not.toContain("'unsafe-inline'");
    expect(a).not.toBe(b);
    const html = await first.text();
    const nonce = /'nonce-([^']+)'/.exec(a)![1]!;
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('lets JSON load, run and frame nothing', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    const csp = (await app.request(`/api/v1/t/${tenant.slug}/students`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('forbids framing, plugins and foreign form targets', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    const csp = (await app.request('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
  });
});

describe('HSTS', () => {
  it('is sent when the app is served over https, and not over plain http', async () => {
    const https = makeTestApp(tdb.handle.db, { env: { PUBLIC_URL: 'https://chanjiao.example.cn' } }).app;
    expect((await https.request('/healthz')).headers.get('strict-transport-security')).toMatch(/max-age=\d{8,}/);
    const http = makeTestApp(tdb.handle.db).app;
    expect((await http.request('/healthz')).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('caching', () => {
  it('forbids storing tenant pages and JSON, including errors', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    for (const path of [`/t/${tenant.slug}/login`, `/t/${tenant.slug}/`, `/api/v1/t/${tenant.slug}/students`, `/api/v1/t/${tenant.slug}/students/nope`]) {
      expect((await app.request(path)).headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('lets static assets be cached', async () => {
    const { app } = makeTestApp(tdb.handle.db);
    expect((await app.request('/static/app.css')).headers.get('cache-control')).toContain('max-age');
  });
});
