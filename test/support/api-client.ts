// A signed-in JSON client for one tenant: what a browser's fetch would send, in one line a call.
import { makeUser } from './factories.ts';
import type { makeTestApp} from './test-app.ts';
import { signIn, TEST_ORIGIN } from './test-app.ts';
import type { Db } from '../../core/db/database.ts';
import type { Tenant } from '../../core/tenancy/schema.ts';
import type { Role } from '../../core/users/schema.ts';

type App = ReturnType<typeof makeTestApp>['app'];

export interface ApiClient {
  userId: string;
  organizationId: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function apiClient(
  app: App,
  db: Db,
  tenant: Tenant,
  options: { role?: Role; organizationId?: string | null; lang?: 'zh-CN' | 'en' } = {},
): Promise<ApiClient> {
  const user = await makeUser(db, tenant, { role: options.role ?? 'bureau_admin', organizationId: options.organizationId ?? null });
  const cookie = await signIn(app, tenant.slug, user.email, user.password);
  return {
    userId: user.id,
    organizationId: user.organization_id,
    async call(method, path, body) {
      const res = await app.request(`/api/v1/t/${tenant.slug}${path}`, {
        method,
        headers: {
          cookie,
          origin: TEST_ORIGIN,
          'accept-language': options.lang ?? 'zh-CN',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}
