// Builds the real app over a test database, with a clock the test controls and quiet logs.
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../../plugins/index.ts';
import type { ReadinessCheck } from '../../core/http/app-env.ts';
import { manualClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import type { Db } from '../../core/db/database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { tenantDirectory, type TenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { createApp, type CreateAppDeps } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { TEST_PII_ENV } from './test-pii.ts';

export const TEST_ORIGIN = 'http://localhost:3000';

export function makeTestApp(
  db: Db,
  options: { env?: Record<string, string>; start?: string; readiness?: ReadinessCheck[]; tenants?: TenantDirectory; deps?: Partial<CreateAppDeps> } = {},
) {
  const clock = manualClock(options.start ?? '2026-03-01T08:00:00Z');
  const config = loadConfig({ PUBLIC_URL: TEST_ORIGIN, ...TEST_PII_ENV, ...options.env });
  const app = createApp({
    config,
    db,
    log: createLogger('silent'),
    clock,
    t: translate,
    tenants: options.tenants ?? tenantDirectory(db, 0),
    policy: { registry: policyPlugins, runner: inThreadRunner },
    readiness: options.readiness ?? [{ name: 'database', check: async () => void (await db.selectFrom('tenants').select('id').limit(1).execute()) }],
    ...options.deps,

  });
  return { app, clock, config };
}

/** The cookie a response set, ready to send back as a Cookie header. */
export function sessionCookieFrom(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.includes('cj_session='));
  if (!set) throw new Error(`no session cookie in response ${response.status}`);
  return set.split(';')[0]!;
}

export async function signIn(app: ReturnType<typeof makeTestApp>['app'], slug: string, email: string, password: string) {
  const res = await app.request(`/api/v1/t/${slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return sessionCookieFrom(res);
}

/** A response body as JSON; tests assert its shape, so it is `any` here on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = (res: Response): Promise<any> => res.json();
