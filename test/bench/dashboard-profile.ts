// Iterating on dashboard_p50_ms without re-seeding a million rows each time: seeds the dashboard
// benchmark's tenant once into a kept database (DASHBOARD_PROFILE_DB, default cj_dashprof), rolls
// it up for today, then asks the app for the bureau's dashboard again and again, in-process
// (app.fetch, no HTTP or load generator: the page's own cost) and prints p50/mean per round.
//
//   npx tsx test/bench/dashboard-profile.ts [requests=300]         # seed if needed, measure
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/dashboard-profile.ts 300
//   DASHBOARD_PROFILE_DROP=1 npx tsx test/bench/dashboard-profile.ts 0   # drop the kept database
//   DASHBOARD_PROFILE_EXPLAIN=1 …                                   # EXPLAIN ANALYZE the page's reads
//   DASHBOARD_PROFILE_HTTP=1 …                                      # over HTTP with the bench's load generator
//   DASHBOARD_PROFILE_HTML=/tmp/page.html …                         # keep one page (to diff before/after)
//
// The kept database is named cj_* like every scratch database; drop it when done.
import { readFileSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { sql, type RawBuilder } from 'kysely';
import { systemClock, localDay } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { migratePostgres, openPostgres } from '../../core/db/open-database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { tenantPlugins } from '../../core/policy-engine/tenant-plugins.ts';
import { rollupTenant } from '../../core/targets/rollup-tenant.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { dashboardReadQuery } from '../../web/pages/dashboard/dashboard-data.ts';
import { benchSignIn } from './api-read-seed.ts';
import { seedDashboardTenant } from './dashboard-seed.ts';
import { listen } from './bench-server.ts';
import { runLoad } from './load-generator.ts';
import { BENCH_SERVER_URL } from './scratch-database.ts';

const NAME = process.env.DASHBOARD_PROFILE_DB ?? 'cj_dashprof';
if (!/^cj_[a-z0-9_]+$/.test(NAME)) throw new Error('DASHBOARD_PROFILE_DB must be a cj_* name');
const REQUESTS = Number(process.argv[2] ?? 300);
const POOL_SIZE = 10;
const log = (line: string) => process.stdout.write(`${line}\n`);

const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => undefined });
const url = new URL(BENCH_SERVER_URL);
url.pathname = `/${NAME}`;
try {
  if (process.env.DASHBOARD_PROFILE_DROP) {
    await admin.unsafe(`drop database if exists ${NAME} with (force)`);
    log(`dropped ${NAME}`);
  } else {
    await measure();
  }
} finally {
  await admin.end({ timeout: 5 });
}

async function measure() {
  const exists = (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${NAME}`);
  await migratePostgres(url.toString());
  const owner = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  const handle = openPostgres({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: POOL_SIZE, DATA_DIR: '/tmp' });
  try {
    const tenants = tenantDirectory(handle.db);
    let tenant = await tenants.bySlug('bench-dashboard');
    if (!tenant) {
      const started = performance.now();
      const seed = await seedDashboardTenant(owner);
      log(`seeded ${seed.summary} in ${Math.round((performance.now() - started) / 1000)} s`);
      tenant = (await tenants.bySlug('bench-dashboard'))!;
    }
    const today = localDay(new Date(), tenant.timezone);
    const have = await owner`select 1 from target_snapshots where tenant_id = ${tenant.id} and day = ${today}::date limit 1`;
    if (have.length === 0) {
      const started = performance.now();
      const r = await rollupTenant(handle.db, tenant.id, today, tenantPlugins(tenant.plugins, policyPlugins).plugins);
      log(`rollup for ${today}: ${r.metricRows} metric and ${r.targetRows} target snapshots in ${Math.round((performance.now() - started) / 1000)} s`);
    }
    if (REQUESTS === 0) return;

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
    const origin = 'http://127.0.0.1';
    const seed = { slug: 'bench-dashboard', tenantId: tenant.id, adminEmail: 'admin@bench-dashboard.example.cn' };
    const fetchApp = async (path: string, init?: RequestInit) => app.fetch(new Request(`${origin}${path}`, init));
    const cookie = await benchSignIn(fetchApp, seed, origin);
    const get = async () => {
      const res = await fetchApp(`/t/${seed.slug}`, { headers: { cookie } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes('class="target ') || !html.includes('<svg')) throw new Error(`not the dashboard: ${res.status} ${html.slice(0, 300)}`);
      return html.length;
    };
    log(`page ${Math.round((await get()) / 1024)} KiB`);
    if (process.env.DASHBOARD_PROFILE_HTML) {
      const res = await fetchApp(`/t/${seed.slug}`, { headers: { cookie } });
      writeFileSync(process.env.DASHBOARD_PROFILE_HTML, await res.text());
    }

    if (process.env.DASHBOARD_PROFILE_EXPLAIN) await explain(handle.db, tenant.id, today);

    if (process.env.DASHBOARD_PROFILE_HTTP) {
      // As the benchmark measures it: over HTTP, the load generated from another process.
      const server = await listen(app.fetch);
      try {
        const load = (connections: number, durationS: number) => runLoad({ url: `${server.origin}/t/${seed.slug}`, headers: { cookie }, connections, durationS });
        await load(1, 3);
        for (let round = 1; round <= 3; round++) {
          const one = await load(1, 5);
          log(`http round ${round}: 1 connection p50 ${one.p50Ms} ms p99 ${one.p99Ms} ms (${Math.round(one.requestsPerSec)} req/s)`);
        }
      } finally {
        await server.close();
      }
      return;
    }

    for (let round = 1; round <= 3; round++) {
      const times: number[] = [];
      const cpu = process.cpuUsage();
      const pgCpu = await backendCpuMs(admin);
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await get();
        times.push(performance.now() - t0);
      }
      const nodeMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
      const pgMs = (await backendCpuMs(admin)) - pgCpu;
      times.sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      log(
        `round ${round}: ${REQUESTS} requests p50 ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms mean ${mean.toFixed(2)} ms p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(2)} ms;` +
          ` CPU a request: node ${(nodeMs / REQUESTS).toFixed(2)} ms, postgres ${(pgMs / REQUESTS).toFixed(2)} ms`,
      );
    }
  } finally {
    await handle.close();
    await owner.end({ timeout: 5 });
  }
}

/** CPU time (user + system, ms) of the server processes serving the kept database (Linux /proc; 0 elsewhere). */
async function backendCpuMs(sql: typeof admin): Promise<number> {
  const pids = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${NAME}`;
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended, or no /proc: counts nothing.
    }
  }
  return ticks * 10; // USER_HZ = 100
}

/** EXPLAIN (ANALYZE, BUFFERS) of the dashboard's read, as the app role under RLS. */
async function explain(db: ReturnType<typeof openPostgres>['db'], tenantId: string, today: string) {
  const reads: Record<string, RawBuilder<unknown>> = { dashboardRead: dashboardReadQuery(today) };
  await withTenant(db, tenantId, async (tx) => {
    for (const [name, query] of Object.entries(reads)) {
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(tx);
      log(`--- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  });
}
