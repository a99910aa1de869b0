// login_2fa_p50_ms: one complete sign-in through the real app on PostgreSQL — the password step
// (argon2id verify, per-IP and per-account checks, a session row) and the TOTP step (secret opened,
// code checked, a fresh session) — median of sequential sign-ins. Target ≤ 250 ms (issue 8).
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { manualClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { enrolTotp, makeTenant, makeUser, TEST_TOTP_SECRET } from '../support/factories.ts';
import { TEST_PII_ENV } from '../support/test-pii.ts';
import { median, round2 } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

const WARMUP = 5;
const SIGN_INS = 40;
const TARGET_MS = 250;
const ORIGIN = 'http://127.0.0.1';

export async function login2faBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 4, DATA_DIR: '/tmp' });
  try {
    const db = handle.db;
    const tenant = await makeTenant(db);
    const user = await makeUser(db, tenant, { role: 'bureau_admin', totp: false });
    await enrolTotp(db, tenant, user.id, TEST_TOTP_SECRET);
    // Each sign-in takes the next 30-second step: a TOTP code is accepted only once.
    const clock = manualClock('2026-03-01T08:00:00Z');
    const app = createApp({
      config: loadConfig({ PUBLIC_URL: ORIGIN, ...TEST_PII_ENV }),
      db,
      log: createLogger('silent'),
      clock,
      t: translate,
      tenants: tenantDirectory(db),
      policy: { registry: policyPlugins, runner: inThreadRunner },
      readiness: [],
    });
    const signIn = async () => {
      const password = await app.request(`/api/v1/t/${tenant.slug}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      if (password.status !== 200) throw new Error(`password step: ${password.status} ${await password.text()}`);
      const cookie = password.headers.getSetCookie()[0]!.split(';')[0]!;
      const code = await app.request(`/api/v1/t/${tenant.slug}/session/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
        body: JSON.stringify({ code: totpCodeFor(TEST_TOTP_SECRET, clock.now()) }),
      });
      if (code.status !== 200) throw new Error(`code step: ${code.status} ${await code.text()}`);
      await code.arrayBuffer();
    };
    const times: number[] = [];
    for (let i = 0; i < WARMUP + SIGN_INS; i++) {
      clock.advance(30_000);
      const started = performance.now();
      await signIn();
      if (i >= WARMUP) times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = round2(median(times));
    const p95 = round2(sorted[Math.ceil(0.95 * sorted.length) - 1]!);
    log(`  ${SIGN_INS} sign-ins (password + TOTP) after ${WARMUP} warm-up: p50 ${p50} ms, p95 ${p95} ms; p50/target ${round2(p50 / TARGET_MS)} (target ≤ ${TARGET_MS} ms)`);
    return { login_2fa_p50_ms: p50 };
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
