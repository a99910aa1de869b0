// api-read: the authenticated, tenant-scoped JSON read through our real stack, against the same
// query on bare Hono + postgres.js with and without a transaction (BENCHMARKS.md, api_read_*).
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { Hono } from 'hono';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { systemClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { createLogger } from '../../core/log/logger.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { benchSignIn, seedApiRead, type ApiReadSeed } from './api-read-seed.ts';
import { listen, type BenchServer } from './bench-server.ts';
import { interleave, median, round2 } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

// One pool size for every path: a bigger pool is slower on 2 cores (BENCHMARKS.md).
const POOL_SIZE = 10;
const CONNECTIONS = 50;
const ROUNDS = 3;
const DURATION_S = 5;
const WARMUP_S = 3;
const TENANTS = 6;
const USERS_PER_TENANT = 2_000;
const PAGE = 20;

type Log = (line: string) => void;

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: string;
  extra_roles: string[];
  organization_id: string | null;
  totp_enabled_at: Date | null;
  locked_until: Date | null;
}

/** Closers run last-opened first; one that fails must not keep the others (or the drop) from running. */
class Cleanup {
  readonly #closers: { what: string; close: () => Promise<unknown> }[] = [];
  add(what: string, close: () => Promise<unknown>) {
    this.#closers.push({ what, close });
  }
  async run(log: Log) {
    for (const { what, close } of this.#closers.reverse()) {
      await close().catch((error: unknown) => log(`  could not close ${what}: ${String(error)}`));
    }
  }
}

async function startOurs(url: string, cleanup: Cleanup): Promise<BenchServer> {
  const handle = openPostgres({ DATABASE_URL: url, DATABASE_POOL_SIZE: POOL_SIZE, DATA_DIR: '/tmp' });
  cleanup.add('app database', () => handle.close());
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATABASE_POOL_SIZE: String(POOL_SIZE) });
  const app = createApp({
    config,
    db: handle.db,
    log: createLogger('silent'),
    clock: systemClock,
    t: translate,
    // Production's cache lifetime, as bootCore builds it (the tests' 0 would add a query per request).
    tenants: tenantDirectory(handle.db),
    policy: { registry: policyPlugins, runner: inThreadRunner },
    readiness: [{ name: 'database', check: () => handle.ping() }],
  });
  const server = await listen(app.fetch);
  cleanup.add('app server', () => server.close());
  return server;
}

/** The same select as userRoutes, without RLS, session or Kysely: the floor we compare against. */
async function startBare(url: string, tenantId: string, inTransaction: boolean, cleanup: Cleanup): Promise<BenchServer> {
  const sql = postgres(url, { max: POOL_SIZE, onnotice: () => undefined });
  cleanup.add(`${inTransaction ? 'tx' : 'bare'} pool`, () => sql.end({ timeout: 5 }));
  const select = (q: Sql | TransactionSql) =>
    q<UserRow[]>`select id, email, display_name, role, extra_roles, organization_id, totp_enabled_at, locked_until from users
                 where tenant_id = ${tenantId} order by email limit ${PAGE + 1}`;
  const app = new Hono().get('/users', async (c) => {
    const rows = inTransaction ? await sql.begin((tx) => select(tx)) : await select(sql);
    return c.json(toPage(rows));
  });
  const server = await listen(app.fetch);
  cleanup.add(`${inTransaction ? 'tx' : 'bare'} server`, () => server.close());
  return server;
}

// The same body userRoutes answers, so every path serialises the same JSON.
function toPage(rows: readonly UserRow[]) {
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      role: u.role,
      extraRoles: u.extra_roles,
      organizationId: u.organization_id,
      twoFactorEnabled: u.totp_enabled_at !== null,
      lockedUntil: u.locked_until?.toISOString() ?? null,
    })),
    nextCursor: rows.length > PAGE && last ? last.email : null,
  };
}

async function signIn(origin: string, seed: ApiReadSeed): Promise<string> {
  return benchSignIn((path, init) => fetch(`${origin}${path}`, init), seed, origin);
}

async function getBody(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body}`);
  return body;
}

/** Refuses to measure unless all three paths answer the very same page of PAGE users. */
async function checkSameAnswer(urls: { ours: string; tx: string; bare: string }, cookie: string) {
  const ours = await getBody(urls.ours, { cookie });
  const page = JSON.parse(ours) as { items: unknown[]; nextCursor: string | null };
  if (page.items.length !== PAGE || page.nextCursor === null) throw new Error(`unexpected page from our app: ${ours.slice(0, 200)}`);
  for (const [name, url] of [['tx', urls.tx], ['bare', urls.bare]] as const) {
    if ((await getBody(url)) !== ours) throw new Error(`the ${name} path answers differently from ours`);
  }
}

export async function apiReadBench(log: Log): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const cleanup = new Cleanup();
  try {
    log(`  scratch database ${scratch.name}`);
    const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    cleanup.add('seed connection', () => owner.end({ timeout: 5 }));
    const seedStarted = performance.now();
    const seed = await seedApiRead(owner, { tenants: TENANTS, usersPerTenant: USERS_PER_TENANT });
    await owner.end({ timeout: 5 });
    log(`  seeded ${TENANTS} tenants × ${USERS_PER_TENANT} users in ${Math.round(performance.now() - seedStarted)} ms`);

    const ours = await startOurs(scratch.url, cleanup);
    const tx = await startBare(scratch.url, seed.tenantId, true, cleanup);
    const bare = await startBare(scratch.url, seed.tenantId, false, cleanup);
    const cookie = await signIn(ours.origin, seed);
    const urls = {
      ours: `${ours.origin}/api/v1/t/${seed.slug}/users?limit=${PAGE}`,
      tx: `${tx.origin}/users?limit=${PAGE}`,
      bare: `${bare.origin}/users?limit=${PAGE}`,
    };
    await checkSameAnswer(urls, cookie);

    log(`  ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_S} s (warm-up ${WARMUP_S} s), pool ${POOL_SIZE}`);
    const results = await interleave(
      [
        { name: 'ours', url: urls.ours, headers: { cookie } },
        { name: 'tx', url: urls.tx },
        { name: 'bare', url: urls.bare },
      ],
      { rounds: ROUNDS, durationS: DURATION_S, warmupS: WARMUP_S, connections: CONNECTIONS, log },
    );
    const rps = (name: string) => median(results.get(name)!.map((r) => r.requestsPerSec));
    const [a, b, c] = [rps('ours'), rps('tx'), rps('bare')];
    const p99 = median(results.get('ours')!.map((r) => r.p99Ms));
    log(`  medians: ours ${Math.round(a)} req/s, tx ${Math.round(b)} req/s, bare ${Math.round(c)} req/s; ours p99 ${p99} ms`);
    return { api_read_vs_tx: round2(a / b), api_read_vs_bare: round2(a / c), api_read_p99_ms: round2(p99) };
  } finally {
    await cleanup.run(log);
    await scratch.drop();
  }
}
