// Iterating on plugin_eval_s without re-seeding 100,000 internships each time: seeds the
// plugin-eval benchmark's tenant once into a kept database (PLUGIN_EVAL_PROFILE_DB, default
// cj_evalprof), then evaluates it as the benchmark does and prints where the time goes:
// each collection's query, the decode, the freeze, each rule, the store.
//
//   npx tsx test/bench/plugin-eval-profile.ts [rounds=3]              # seed if needed, measure
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/plugin-eval-profile.ts 3
//   PLUGIN_EVAL_PROFILE_QUICK=1 …                                      # only evaluations as the bench runs them
//   PLUGIN_EVAL_PROFILE_DROP=1 npx tsx test/bench/plugin-eval-profile.ts 0   # drop the kept database
//
// The kept database is named cj_* like every scratch database; drop it when done.
import postgres from 'postgres';
import { migratePostgres, openPostgres } from '../../core/db/open-database.ts';
import { decodeDataView } from '../../core/policy-engine/decode-view.ts';
import { evaluateInScope } from '../../core/policy-engine/evaluate-tenant.ts';
import { isolatedRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { loadDataViewText } from '../../core/policy-engine/load-view.ts';
import { tenantPlugins } from '../../core/policy-engine/tenant-plugins.ts';
import { deepFreeze } from '../../core/policy/deep-freeze.ts';
import { evaluatePlugins } from '../../core/policy/evaluate.ts';
import { withTenant } from '../../core/tenancy/with-tenant.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { seedPluginEval } from './plugin-eval-seed.ts';
import { BENCH_SERVER_URL } from './scratch-database.ts';

const NAME = process.env.PLUGIN_EVAL_PROFILE_DB ?? 'cj_evalprof';
if (!/^cj_[a-z0-9_]+$/.test(NAME)) throw new Error('PLUGIN_EVAL_PROFILE_DB must be a cj_* name');
const ROUNDS = Number(process.argv[2] ?? 3);
const AT = '2026-03-01';
const log = (line: string) => process.stdout.write(`${line}\n`);
const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;

const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => undefined });
const url = new URL(BENCH_SERVER_URL);
url.pathname = `/${NAME}`;
try {
  if (process.env.PLUGIN_EVAL_PROFILE_DROP) {
    await admin.unsafe(`drop database if exists ${NAME} with (force)`);
    log(`dropped ${NAME}`);
  } else {
    const [exists] = await admin<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${NAME}`;
    if (exists!.n === 0) {
      await admin.unsafe(`create database ${NAME}`);
      await migratePostgres(url.toString());
      const owner = postgres(url.toString(), { max: 1, onnotice: () => undefined });
      const t0 = performance.now();
      await seedPluginEval(owner, [...policyPlugins.keys()], { schools: 200, teachers: 20_000, internships: 100_000 });
      log(`seeded in ${ms(t0, performance.now())}`);
      await owner.end();
    } else {
      await migratePostgres(url.toString());
    }
    if (ROUNDS > 0) await profile();
  }
} finally {
  await admin.end();
}

async function profile() {
  const handle = openPostgres({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
  const db = handle.db;
  const runner = isolatedRunner({ registryUrl: new URL('../../plugins/index.ts', import.meta.url), budgetMs: 60_000 });
  try {
    const tenant = await db.selectFrom('tenants').select(['id', 'plugins']).where('slug', '=', 'bench-eval').executeTakeFirstOrThrow();
    const tenantId = tenant.id;
    const set = tenantPlugins(tenant.plugins, policyPlugins);
    const reads = [...new Set(set.plugins.flatMap((p) => p.reads))];
    log(`plugins: ${set.plugins.map((p) => p.id).join(', ')}; reads: ${reads.join(', ')}`);

    for (let round = 1; round <= ROUNDS; round++) {
      if (process.env.PLUGIN_EVAL_PROFILE_QUICK) {
        const f = performance.now();
        const run = await withTenant(db, tenantId, (tx) => evaluateInScope(tx, tenantId, set.plugins, AT, { configs: set.configs, runner }));
        const g = performance.now();
        log(`round ${round} as the bench: ${ms(f, g)} (load ${run.loadMs} ms, plugins ${run.evaluateMs} ms, rest ${Math.round(g - f - run.loadMs - run.evaluateMs)} ms), ${run.open} open`);
        continue;
      }
      // Each collection alone: what its query costs, text included.
      const per: string[] = [];
      for (const name of reads) {
        const a = performance.now();
        const text = await withTenant(db, tenantId, (tx) => loadDataViewText(tx, tenantId, [name]));
        per.push(`${name} ${ms(a, performance.now())} (${(text.length / 1e6).toFixed(1)} MB)`);
      }
      log(`round ${round}: per collection: ${per.join(', ')}`);
      const a = performance.now();
      const text = await withTenant(db, tenantId, (tx) => loadDataViewText(tx, tenantId, reads));
      const b = performance.now();
      const view = decodeDataView(text);
      const c = performance.now();
      deepFreeze(view);
      const d = performance.now();
      const rules: string[] = [];
      for (const plugin of set.plugins) {
        const p0 = performance.now();
        const r = evaluatePlugins([plugin], view, AT, { configs: set.configs });
        if (r.errors.length > 0) throw new Error(JSON.stringify(r.errors));
        rules.push(`${plugin.id} ${ms(p0, performance.now())} (${r.findings.length})`);
      }
      const e = performance.now();
      log(`  in-thread: load ${ms(a, b)} (${(text.length / 1e6).toFixed(1)} MB), decode ${ms(b, c)}, freeze ${ms(c, d)}, plugins ${ms(d, e)}: ${rules.join(', ')}`);
      const f = performance.now();
      const run = await withTenant(db, tenantId, (tx) => evaluateInScope(tx, tenantId, set.plugins, AT, { configs: set.configs, runner }));
      const g = performance.now();
      log(`  as the bench: ${ms(f, g)} (load ${run.loadMs} ms, plugins ${run.evaluateMs} ms, rest ${Math.round(g - f - run.loadMs - run.evaluateMs)} ms), ${run.open} open`);
    }
  } finally {
    await runner.close();
    await handle.close();
  }
}

