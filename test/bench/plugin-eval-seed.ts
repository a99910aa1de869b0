// Seeds the plugin-evaluation benchmark's tenant in bulk as the owner: 200 schools, 20,000
// teachers with practice periods, 100,000 students and internships with evaluations, agreements.
import type { Sql } from 'postgres';

export interface PluginEvalSize {
  schools: number;
  teachers: number;
  internships: number;
}

export async function seedPluginEval(owner: Sql, pluginIds: readonly string[], size: PluginEvalSize): Promise<string> {
  // postgres.js serialises a parameter it knows to be jsonb itself: a pre-stringified one would be stored as a string.
  const plugins = owner.json(pluginIds.map((id) => ({ id, config: {} })));
  const [tenant] = await owner<{ id: string }[]>`
    insert into tenants (slug, name_zh, name_en, kind, plugins) values ('bench-eval', '评估基准', 'Eval bench', 'county', ${plugins}) returning id`;
  const t = tenant!.id;
  const enterprises = Math.max(10, size.schools * 10);
  await owner`insert into organizations (tenant_id, kind, name) select ${t}, 'school', '学校' || g from generate_series(1, ${size.schools}::int) g`;
  await owner`insert into organizations (tenant_id, kind, name) select ${t}, 'enterprise', '企业' || g from generate_series(1, ${enterprises}::int) g`;
  await owner`
    create temporary table bench_orgs as
    select kind, id, row_number() over (partition by kind order by id) - 1 as n from organizations where tenant_id = ${t}`;
  const [evaluator] = await owner<{ id: string }[]>`
    insert into users (tenant_id, email, display_name, role, password_hash) values (${t}, 'evaluator@bench.example.cn', '评价人', 'bureau_admin', 'x') returning id`;

  // Hire dates spread over 20 years, so the five-year and new-teacher rules both have work.
  await owner`
    insert into teachers (tenant_id, school_id, teacher_number, name, hire_date, is_professional)
    select ${t}, s.id, 'T' || g, '教师' || g, date '2006-01-01' + (g * 7919 % 7300), g % 5 <> 0
    from generate_series(1, ${size.teachers}::int) g
    join bench_orgs s on s.kind = 'school' and s.n = g % ${size.schools}::int`;
  // Most teachers practise every summer holiday (≈ 2 months, rated); one in ten does not: a
  // realistic few percent of findings, not a tenant where every record is wrong.
  await owner`
    insert into teacher_practice_periods (tenant_id, teacher_id, enterprise_name, start_on, end_on, enterprise_rating)
    select ${t}, id, '企业', make_date(y, 7, 1), make_date(y, 8, 31), 'good'
    from teachers cross join generate_series(2019, 2025) y
    where tenant_id = ${t} and hashtext(id::text) % 10 <> 0`;
  // The rules never read ID numbers: sealed columns get placeholders where the schema seals them.
  const [sealed] = await owner<{ n: number }[]>`
    select count(*)::int as n from information_schema.columns where table_name = 'students' and column_name = 'id_number_hmac'`;
  if (sealed!.n > 0) {
    await owner`
      insert into students (tenant_id, school_id, name, gender, id_number, id_number_ciphertext, id_number_key_id, id_number_hmac)
      select ${t}, s.id, '学生' || g, case when g % 2 = 0 then 'male' else 'female' end, null, 'bench', 'bench', md5(g::text)
      from generate_series(1, ${size.internships}::int) g
      join bench_orgs s on s.kind = 'school' and s.n = g % ${size.schools}::int`;
  } else {
    await owner`
      insert into students (tenant_id, school_id, name, gender, id_number)
      select ${t}, s.id, '学生' || g, case when g % 2 = 0 then 'male' else 'female' end, lpad(g::text, 17, '3') || 'X'
      from generate_series(1, ${size.internships}::int) g
      join bench_orgs s on s.kind = 'school' and s.n = g % ${size.schools}::int`;
  }
  await owner`
    insert into agreements (tenant_id, school_id, enterprise_id, mode, title, status, valid_from, valid_until)
    select ${t}, s.id, e.id, (array['order_class', 'post_internship', 'work_study_alternation'])[1 + g % 3], '协议' || g,
           'active', date '2024-01-01', date '2027-12-31'
    from generate_series(1, ${size.schools * 20}::int) g
    join bench_orgs s on s.kind = 'school' and s.n = g % ${size.schools}::int
    join bench_orgs e on e.kind = 'enterprise' and e.n = g % ${enterprises}::int`;
  await owner`
    create temporary table bench_placement as
    select distinct on (school_id) school_id, id as agreement_id, enterprise_id
    from agreements where tenant_id = ${t} and mode = 'post_internship' order by school_id, id`;
  await owner`
    insert into internships (tenant_id, student_id, agreement_id, kind, status, enterprise_id, start_on, end_on,
      policy_number, insurance_start, insurance_end, liability_insurance, accident_insurance)
    select ${t}, st.id, case when st.g % 50 = 0 then null else p.agreement_id end, 'post',
           case when date '2025-03-01' + (st.g % 60)::int + 364 < date '2026-03-01' then 'completed' else 'ongoing' end, p.enterprise_id,
           date '2025-03-01' + (st.g % 60)::int, (date '2025-03-01' + (st.g % 60)::int + interval '1 year' - interval '1 day')::date,
           'P' || st.g, date '2025-03-01', date '2026-12-31', st.g % 40 <> 0, st.g % 40 <> 0
    from (select id, school_id, row_number() over (order by id) as g from students where tenant_id = ${t}) st
    join bench_placement p on p.school_id = st.school_id`;
  await owner`
    insert into internship_evaluations (tenant_id, internship_id, side, score, evaluator_user_id, evaluated_at)
    select ${t}, i.id, side, 80, ${evaluator!.id}, i.end_on - 3
    from internships i cross join (values ('school'), ('enterprise')) v(side)
    where i.tenant_id = ${t} and hashtext(i.id::text) % 25 <> 0`;
  await owner`drop table bench_orgs, bench_placement`;
  await owner`analyze`;
  return t;
}
