// dashboard: the bureau's dashboard page (HTML, through the real stack: session, RLS transaction,
// snapshots, findings, tasks, reminders, the ECharts SVG) for a tenant with 200 schools and
// 1,000,000 internships after a roll-up, served over HTTP and loaded from another process; p50
// of 3 rounds (BENCHMARKS.md dashboard_p50_ms). One connection: the figure is the page's own
// latency, not the queue in front of it; the 4-connection p50 is logged beside it.
import postgres, { type Sql } from 'postgres';
import { systemClock, localDay } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { tenantPlugins } from '../../core/policy-engine/tenant-plugins.ts';
import { rollupTenant } from '../../core/targets/rollup-tenant.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { benchSignIn } from './api-read-seed.ts';
import { seedDashboardTenant } from './dashboard-seed.ts';
import { listen } from './bench-server.ts';
import { median, round2 } from './interleave.ts';
import { runLoad } from './load-generator.ts';
import { createScratchDatabase } from './scratch-database.ts';

const ROUNDS = 3;
const DURATION_S = 5;
const WARMUP_S = 3;
const POOL_SIZE = 10;

type Log = (line: string) => void;

export async function dashboardBench(log: Log): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  let owner: Sql | undefined;
  let handle: ReturnType<typeof openPostgres> | undefined;
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  try {
    log(`  scratch database ${scratch.name}`);
    owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    const seeded = performance.now();
    const seed = await seedDashboardTenant(owner);
    log(`  seeded ${seed.summary} in ${Math.round((performance.now() - seeded) / 1000)} s`);

    handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: POOL_SIZE, DATA_DIR: '/tmp' });
    const tenants = tenantDirectory(handle.db);
    const tenant = (await tenants.bySlug(seed.slug))!;
    const today = localDay(new Date(), tenant.timezone);
    const rolled = performance.now();
    const rollup = await rollupTenant(handle.db, tenant.id, today, tenantPlugins(tenant.plugins, policyPlugins).plugins);
    log(`  rollup for ${today}: ${rollup.metricRows} metric and ${rollup.targetRows} target snapshots in ${Math.round((performance.now() - rolled) / 1000)} s`);

    const app = createApp({
      config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATABASE_POOL_SIZE: String(POOL_SIZE) }),
      db: handle.db,
      log: createLogger('silent'),
      clock: systemClock,
      t: translate,
      tenants,
      policy: { registry: policyPlugins, runner: inThreadRunner },
      readiness: [],
    });
    server = await listen(app.fetch);
    const origin = server.origin;
    const cookie = await benchSignIn((path, init) => fetch(`${origin}${path}`, init), seed, origin);
    const url = `${origin}/t/${seed.slug}`;
    // Refuse to measure a page that is not the dashboard with the roll-up's figures on it.
    const page = await fetch(url, { headers: { cookie } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes('class="target ') || !html.includes('<svg')) throw new Error(`not the dashboard: ${page.status} ${html.slice(0, 300)}`);

    const load = (connections: number, durationS: number) => runLoad({ url, headers: { cookie }, connections, durationS });
    const warm = await load(1, WARMUP_S);
    log(`  warm-up ${Math.round(warm.requestsPerSec)} req/s, p50 ${warm.p50Ms} ms (${Math.round(html.length / 1024)} KiB page)`);
    const p50s: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const one = await load(1, DURATION_S);
      const four = await load(4, DURATION_S);
      p50s.push(one.p50Ms);
      log(`  round ${round}/${ROUNDS}: 1 connection p50 ${one.p50Ms} ms p99 ${one.p99Ms} ms (${Math.round(one.requestsPerSec)} req/s); 4 connections p50 ${four.p50Ms} ms (${Math.round(four.requestsPerSec)} req/s)`);
    }
    const p50 = median(p50s);
    log(`  median p50 ${p50} ms (target ≤ 30)`);
    return { dashboard_p50_ms: round2(p50) };
  } finally {
    await server?.close();
    await handle?.close();
    await owner?.end({ timeout: 5 });
    await scratch.drop();
  }
}
