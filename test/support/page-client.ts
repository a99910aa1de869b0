// A signed-in browser without a browser, for page specifications: GET a page and read its HTML,
// post a form (with Origin, as a browser does) and see where it redirects.
import type { Db } from '../../core/db/database.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import type { Role } from '../../core/users/schema.ts';
import { makeUser } from './factories.ts';
import type { makeTestApp } from './test-app.ts';
import { signIn, TEST_ORIGIN } from './test-app.ts';

type App = ReturnType<typeof makeTestApp>['app'];

export interface PageClient {
  userId: string;
  get(path: string, lang?: 'zh-CN' | 'en'): Promise<{ status: number; html: string; response: Response }>;
  /** Posts a urlencoded form; `referer` stands for the page the form was on. */
  post(path: string, form?: Record<string, string>, referer?: string): Promise<{ status: number; location: string | null; html: string }>;
}

export async function pageClient(app: App, db: Db, tenant: Tenant, options: { role?: Role; organizationId?: string | null } = {}): Promise<PageClient> {
  const user = await makeUser(db, tenant, { role: options.role ?? 'bureau_admin', organizationId: options.organizationId ?? null });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  const base = `/t/${tenant.slug}`;
  return {
    userId: user.id,
    async get(path, lang = 'zh-CN') {
      const response = await app.request(base + path, { headers: { cookie, 'accept-language': lang } });
      return { status: response.status, html: await response.clone().text(), response };
    },
    async post(path, form = {}, referer) {
      const response = await app.request(base + path, {
        method: 'POST',
        headers: {
          cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'zh-CN',
          ...(referer ? { referer: TEST_ORIGIN + base + referer } : {}),
        },
        body: new URLSearchParams(form).toString(),
      });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    },
  };
}
