// rollup: the full rollup of a tenant with 200 schools and 1,000,000 internships (every metric per
// tenant, school, major cluster and industry chain, plus target progress, written as snapshots)
// ÷ one raw GROUP BY of the same internship figures per school (BENCHMARKS.md rollup_vs_raw_sql).
import postgres, { type Sql } from 'postgres';
import { openPostgres } from '../../core/db/open-database.ts';
import { rollupTenant } from '../../core/targets/rollup-tenant.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { median, round2 } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

const SCHOOLS = 200;
const MAJORS_PER_SCHOOL = 10;
const CLUSTERS_PER_SCHOOL = 3;
const CHAINS = 10;
const ENTERPRISES = 2_000;
const STUDENTS = 500_000;
const INTERNSHIPS = 1_000_000;
const TEACHERS = 20_000;
const ROUNDS = 3;
const DAY = '2024-06-30';

type Log = (line: string) => void;

// Deterministic ids, so every table can point at its parents by number without lookups.
const id = (kind: string, n: string) => `md5('${kind}' || ${n})::uuid`;

export async function seedRollupTenant(sql: Sql, tenantId: string) {
  const school = (n: string) => id('school', n);
  // Students carry either the plaintext number (before migration 0009) or its sealed columns.
  const sealed = (await sql`select 1 from information_schema.columns where table_name = 'students' and column_name = 'id_number_hmac'`).length > 0;
  const idColumns = sealed ? 'id_number_ciphertext, id_number_key_id, id_number_hmac' : 'id_number';
  const idValues = sealed ? `'x' || g, 'bench', md5('id' || g)` : `lpad(g::text, 17, '1') || 'X'`;
  const statements = [
    `insert into organizations (tenant_id, id, kind, name, school_level) select '${tenantId}', ${school('g')}, 'school', '学校' || g, 'secondary' from generate_series(1, ${SCHOOLS}) g`,
    `insert into organizations (tenant_id, id, kind, name) select '${tenantId}', ${id('ent', 'g')}, 'enterprise', '企业' || g from generate_series(1, ${ENTERPRISES}) g`,
    `insert into industry_chains (tenant_id, id, name) select '${tenantId}', ${id('chain', 'g')}, '产业链' || g from generate_series(1, ${CHAINS}) g`,
    `insert into major_clusters (tenant_id, id, school_id, name, industry_chain_id)
       select '${tenantId}', ${id('cluster', "s || '-' || c")}, ${school('s')}, '专业群' || c, ${id('chain', `((s + c) % ${CHAINS} + 1)`)}
       from generate_series(1, ${SCHOOLS}) s, generate_series(1, ${CLUSTERS_PER_SCHOOL}) c`,
    `insert into majors (tenant_id, id, school_id, code, name, cluster_id, opened_on)
       select '${tenantId}', ${id('major', "s || '-' || k")}, ${school('s')}, (100000 + k)::text, '专业' || k,
              ${id('cluster', `s || '-' || (k % ${CLUSTERS_PER_SCHOOL} + 1)`)}, date '2015-09-01' + k * 200
       from generate_series(1, ${SCHOOLS}) s, generate_series(1, ${MAJORS_PER_SCHOOL}) k`,
    `insert into agreements (tenant_id, school_id, enterprise_id, major_id, mode, title, status, valid_from, valid_until)
       select '${tenantId}', ${school(`(g % ${SCHOOLS} + 1)`)}, ${id('ent', `(g % ${ENTERPRISES} + 1)`)},
              ${id('major', `(g % ${SCHOOLS} + 1) || '-' || (g % ${MAJORS_PER_SCHOOL} + 1)`)},
              (array['order_class', 'shared_training_base', 'post_internship', 'modern_apprenticeship'])[g % 4 + 1], '协议' || g, 'active',
              date '2020-01-01' + g % 900, date '2023-06-01' + g % 900
       from generate_series(1, 4000) g`,
    `insert into students (tenant_id, id, school_id, major_id, name, gender, ${idColumns})
       select '${tenantId}', ${id('student', 'g')}, ${school(`(g % ${SCHOOLS} + 1)`)},
              ${id('major', `(g % ${SCHOOLS} + 1) || '-' || (g / ${SCHOOLS} % ${MAJORS_PER_SCHOOL} + 1)`)}, '学生', 'female', ${idValues}
       from generate_series(1, ${STUDENTS}) g`,
    `insert into users (tenant_id, id, email, display_name, role, password_hash) values ('${tenantId}', ${id('user', "'1'")}, 'bench@example.cn', 'B', 'bureau_admin', 'x')`,
    `insert into internships (tenant_id, id, student_id, enterprise_id, kind, start_on, end_on, status,
                              policy_number, insurance_start, insurance_end, liability_insurance, accident_insurance)
       select '${tenantId}', ${id('int', 'g')}, ${id('student', `(g % ${STUDENTS} + 1)`)}, ${id('ent', `(g % ${ENTERPRISES} + 1)`)}, 'post',
              date '2023-03-01' + g % 600, date '2023-03-01' + g % 600 + 180,
              case when g % 10 = 0 then 'terminated' when g % 10 <= 5 then 'completed' else 'ongoing' end,
              case when g % 5 <> 0 then 'P' || g end, date '2023-03-01' + g % 600, date '2023-03-01' + g % 600 + 180, g % 5 <> 0, g % 5 <> 0
       from generate_series(1, ${INTERNSHIPS}) g`,
    `insert into internship_evaluations (tenant_id, internship_id, side, score, evaluator_user_id, evaluated_at)
       select '${tenantId}', ${id('int', 'g')}, side, 90, ${id('user', "'1'")}, timestamptz '2024-01-01'
       from generate_series(1, ${INTERNSHIPS}) g, unnest(array['school', 'enterprise']) side
       where g % 10 between 1 and 5 and (side = 'school' or g % 10 <= 4)`,
    `insert into teachers (tenant_id, id, school_id, teacher_number, name, hire_date)
       select '${tenantId}', ${id('teacher', 'g')}, ${school(`(g % ${SCHOOLS} + 1)`)}, 'T' || g, '教师', date '2005-09-01' + g % 6000
       from generate_series(1, ${TEACHERS}) g`,
    `insert into teacher_practice_periods (tenant_id, teacher_id, enterprise_name, start_on, end_on)
       select '${tenantId}', ${id('teacher', `(g % ${TEACHERS} + 1)`)}, '企业', date '2019-01-01' + g % 1800, date '2019-01-01' + g % 1800 + 30 + g % 120
       from generate_series(1, ${TEACHERS * 2}) g`,
  ];
  for (const statement of statements) await sql.unsafe(statement);
  await sql.unsafe('vacuum analyze');
}

/** The same internship figures per school, written the plain way: the floor the rollup is measured against. */
const rawGroupBy = (sql: Sql, tenantId: string) => sql`
  select st.school_id,
    count(*) filter (where i.start_on <= ${DAY}::date and i.status <> 'terminated') as started,
    count(*) filter (where i.start_on <= ${DAY}::date and i.status <> 'terminated' and i.liability_insurance and i.accident_insurance
      and coalesce(btrim(i.policy_number), '') <> '' and i.insurance_start <= i.start_on and i.insurance_end >= i.end_on) as insured,
    count(*) filter (where (i.status = 'completed' and i.start_on <= ${DAY}::date) or (i.status = 'ongoing' and i.end_on < ${DAY}::date)) as ended,
    count(*) filter (where ((i.status = 'completed' and i.start_on <= ${DAY}::date) or (i.status = 'ongoing' and i.end_on < ${DAY}::date))
      and es.internship_id is not null and ee.internship_id is not null) as dual_evaluated
  from internships i
  join students st on st.tenant_id = i.tenant_id and st.id = i.student_id
  left join internship_evaluations es on es.tenant_id = i.tenant_id and es.internship_id = i.id and es.side = 'school'
  left join internship_evaluations ee on ee.tenant_id = i.tenant_id and ee.internship_id = i.id and ee.side = 'enterprise'
  where i.tenant_id = ${tenantId}
  group by st.school_id`;

export async function rollupBench(log: Log): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
  const app = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
  try {
    log(`  scratch database ${scratch.name}`);
    const [tenant] = await owner<{ id: string }[]>`
      insert into tenants (slug, name_zh, name_en, kind, timezone, plugins) values ('bench', '基准', 'Bench', 'county', 'Asia/Shanghai', '[]') returning id`;
    const tenantId = tenant!.id;
    const seeded = performance.now();
    await seedRollupTenant(owner, tenantId);
    log(`  seeded ${SCHOOLS} schools, ${STUDENTS} students, ${INTERNSHIPS} internships in ${Math.round((performance.now() - seeded) / 1000)} s`);

    const plugins = [...policyPlugins.values()];
    const timeRollup = async () => {
      const started = performance.now();
      const result = await rollupTenant(app.db, tenantId, DAY, plugins);
      return { ms: performance.now() - started, rows: result.metricRows + result.targetRows };
    };
    const timeRaw = async () => {
      const started = performance.now();
      const rows = await rawGroupBy(owner, tenantId);
      return { ms: performance.now() - started, rows: rows.length };
    };
    // Warm both (plans, caches, the snapshot rows' first insert), then interleave.
    const warm = [await timeRollup(), await timeRaw()];
    log(`  warm-up rollup ${Math.round(warm[0]!.ms)} ms (${warm[0]!.rows} rows), raw ${Math.round(warm[1]!.ms)} ms (${warm[1]!.rows} schools)`);
    const rollups: number[] = [];
    const raws: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await timeRollup();
      const g = await timeRaw();
      rollups.push(r.ms);
      raws.push(g.ms);
      log(`  round ${round}/${ROUNDS} rollup ${Math.round(r.ms)} ms, raw GROUP BY ${Math.round(g.ms)} ms`);
    }
    const ratio = median(rollups) / median(raws);
    log(`  medians: rollup ${Math.round(median(rollups))} ms, raw ${Math.round(median(raws))} ms, ratio ${round2(ratio)} (target ≤ 1.5)`);
    return { rollup_vs_raw_sql: round2(ratio) };
  } finally {
    await app.close();
    await owner.end({ timeout: 5 });
    await scratch.drop();
  }
}
