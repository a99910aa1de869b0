// Builds the real app over a test database, with a clock the test controls and quiet logs.
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../../plugins/index.ts';
import type { ReadinessCheck } from '../../core/http/app-env.ts';
import { manualClock, type Clock } from '../../core/clock/clock.ts';
import { TOTP_PERIOD_S, TOTP_WINDOW, totpCodeFor, totpStep } from '../../core/two-factor/totp.ts';
import { TEST_TOTP_SECRET } from './factories.ts';
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
  clocks.set(app, clock);
  return { app, clock, config };
}

type TestApp = ReturnType<typeof createApp>;
const clocks = new WeakMap<TestApp, Clock>();
/** Last TOTP step each account used in a test app: a code is accepted once, so each sign-in takes the next. */
const usedSteps = new WeakMap<TestApp, Map<string, number>>();

/** The cookie a response set, ready to send back as a Cookie header. */
export function sessionCookieFrom(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.includes('cj_session='));
  if (!set) throw new Error(`no session cookie in response ${response.status}`);
  return set.split(';')[0]!;
}

/**
 * Signs in through both steps: the password, then (for an enrolled user) a TOTP code from
 * `totpSecret` at the app's clock. Up to three sign-ins of one account per 30-second step work
 * (codes of the steps either side); advance the clock for more. Returns the session cookie.
 */
export async function signIn(app: TestApp, slug: string, email: string, password: string, totpSecret: string = TEST_TOTP_SECRET) {
  const res = await app.request(`/api/v1/t/${slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookieFrom(res);
  if (((await res.json()) as { stage: string }).stage !== 'totp') return cookie;
  const clock = clocks.get(app);
  if (!clock) throw new Error('signIn needs an app made by makeTestApp (it reads its clock)');
  const steps = usedSteps.get(app) ?? new Map<string, number>();
  usedSteps.set(app, steps);
  const now = totpStep(clock.now());
  const step = Math.max(now - TOTP_WINDOW, (steps.get(`${slug}/${email}`) ?? -Infinity) + 1);
  if (step > now + TOTP_WINDOW) throw new Error(`${email} signed in more than 3 times in one TOTP step: advance the clock`);
  steps.set(`${slug}/${email}`, step);
  const code = totpCodeFor(totpSecret, new Date(step * TOTP_PERIOD_S * 1000));
  const second = await app.request(`/api/v1/t/${slug}/session/code`, {
    method: 'POST',
    headers: { cookie, origin: TEST_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (second.status !== 200) throw new Error(`TOTP step failed: ${second.status} ${await second.text()}`);
  return sessionCookieFrom(second);
}

/** A response body as JSON; tests assert its shape, so it is `any` here on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = (res: Response): Promise<any> => res.json();
