// pooled-read: an authenticated, tenant-scoped JSON list read (as in api-read) through PgBouncer in
// transaction mode (unprepared statements, a login role of chanjiao_app) ÷ the same app talking
// to PostgreSQL directly (BENCHMARKS.md, pooled_read_vs_direct).
import postgres, { type Sql } from 'postgres';
import { systemClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres, type DatabaseHandle } from '../../core/db/open-database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { openThroughPgBouncer } from '../fleet/pooled-database.ts';
import { BENCH_PASSWORD, seedApiRead, type ApiReadSeed } from './api-read-seed.ts';
import { listen, type BenchServer } from './bench-server.ts';
import { interleave, median, round2 } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

// api-read's load: the same pool size on both paths, and PgBouncer given as many server connections.
const POOL_SIZE = 10;
const CONNECTIONS = 50;
const ROUNDS = 3;
const DURATION_S = 5;
const WARMUP_S = 3;
const PAGE = 20;

type Log = (line: string) => void;

async function serve(handle: DatabaseHandle): Promise<BenchServer> {
  const app = createApp({
    config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATABASE_POOL_SIZE: String(POOL_SIZE) }),
    db: handle.db,
    log: createLogger('silent'),
    clock: systemClock,
    t: translate,
    tenants: tenantDirectory(handle.db),
    policy: { registry: policyPlugins, runner: inThreadRunner },
    readiness: [{ name: 'database', check: () => handle.ping() }],
  });
  return listen(app.fetch);
}

/**
 * A teacher (no second factor required, so the password signs in) and 2,000 organizations per
 * tenant to page through: the read is the organizations list, 20 rows by name, under RLS.
 */
async function addReader(owner: Sql, seed: ApiReadSeed): Promise<string> {
  await owner`
    insert into organizations (tenant_id, kind, name)
    select t.id, 'school', '基准学校 ' || substr(md5(t.slug || g), 1, 8) from tenants t cross join generate_series(1, 2000) g
    where t.slug like 'bench-%' order by random()`;
  const email = `reader@${seed.slug}.example.cn`;
  await owner`
    insert into users (tenant_id, email, display_name, role, organization_id, password_hash)
    select tenant_id, ${email}, '基准教师', 'teacher', organization_id, password_hash from users
    where tenant_id = ${seed.tenantId} and role = 'teacher' limit 1`;
  await owner`analyze`;
  return email;
}

async function signIn(origin: string, slug: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/t/${slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('cj_session='))!.split(';')[0]!;
}

async function body(url: string, cookie: string): Promise<string> {
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text}`);
  return text;
}

export async function pooledReadBench(log: Log): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    const seed = await seedApiRead(owner, { tenants: 6, usersPerTenant: 2_000 });
    const reader = await addReader(owner, seed).finally(() => owner.end({ timeout: 5 }));

    const direct = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: POOL_SIZE, DATA_DIR: '/tmp' });
    closers.push(() => direct.close());
    const pooled = await openThroughPgBouncer(scratch.url, { poolSize: POOL_SIZE, clientPoolSize: POOL_SIZE });
    closers.push(() => pooled.close());
    const directServer = await serve(direct);
    closers.push(() => directServer.close());
    const pooledServer = await serve(pooled.handle);
    closers.push(() => pooledServer.close());

    // One session, valid on both: they share the database.
    const cookie = await signIn(directServer.origin, seed.slug, reader);
    const path = `/api/v1/t/${seed.slug}/organizations?limit=${PAGE}`;
    if ((await body(directServer.origin + path, cookie)) !== (await body(pooledServer.origin + path, cookie))) {
      throw new Error('the pooled path answers differently from the direct one');
    }
    log(`  PgBouncer on :${pooled.pgbouncer.port}, pool ${POOL_SIZE}; ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s`);
    const results = await interleave(
      [
        { name: 'direct', url: directServer.origin + path, headers: { cookie } },
        { name: 'pooled', url: pooledServer.origin + path, headers: { cookie } },
      ],
      { rounds: ROUNDS, durationS: DURATION_S, warmupS: WARMUP_S, connections: CONNECTIONS, log },
    );
    const rps = (name: string) => median(results.get(name)!.map((r) => r.requestsPerSec));
    const [d, p] = [rps('direct'), rps('pooled')];
    log(`  medians: direct ${Math.round(d)} req/s, through PgBouncer ${Math.round(p)} req/s`);
    return { pooled_read_vs_direct: round2(p / d) };
  } finally {
    for (const close of closers.reverse()) await close().catch((e: unknown) => log(`  could not close: ${String(e)}`));
    await scratch.drop();
  }
}
