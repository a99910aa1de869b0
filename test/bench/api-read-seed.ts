// Seeds the scratch database for api-read: several tenants with a few thousand users each,
// inserted in bulk as the owner, plus the bureau admin the benchmark signs in as.
import type { Sql } from 'postgres';
import { hashPassword } from '../../core/users/password.ts';

export const BENCH_PASSWORD = 'Bench-password-2026';

export interface ApiReadSeed {
  slug: string;
  tenantId: string;
  adminEmail: string;
}

export async function seedApiRead(owner: Sql, options: { tenants: number; usersPerTenant: number }): Promise<ApiReadSeed> {
  // One argon2 hash for every row: hashing 12,000 passwords would take minutes and measure nothing.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const tenants = await owner<{ id: string; slug: string }[]>`
    insert into tenants (slug, name_zh, name_en, kind)
    select 'bench-' || i, '基准' || i, 'Bench ' || i, 'county' from generate_series(1, ${options.tenants}::int) i
    returning id, slug`;
  await owner`
    insert into organizations (tenant_id, kind, name)
    select id, 'school', '基准学校' from tenants where slug like 'bench-%'`;
  // Random order, so each tenant's rows are spread over the heap as after months of use, and
  // e-mails that do not follow insertion order: the index, not the heap, must give the order.
  await owner`
    insert into users (tenant_id, email, display_name, role, organization_id, password_hash)
    select t.id,
           'u' || substr(md5(t.slug || g), 1, 10) || '-' || g || '@' || t.slug || '.example.cn',
           '用户 ' || g,
           case when g % 10 = 0 then 'school_admin' when g % 17 = 0 then 'evaluator' else 'teacher' end,
           case when g % 17 = 0 and g % 10 <> 0 then null else o.id end,
           ${passwordHash}
    from tenants t
    join organizations o on o.tenant_id = t.id
    cross join generate_series(1, ${options.usersPerTenant}::int) g
    where t.slug like 'bench-%'
    order by random()`;
  const first = tenants.find((t) => t.slug === 'bench-1');
  if (!first) throw new Error('seed: tenant bench-1 missing');
  const adminEmail = `admin@${first.slug}.example.cn`;
  await owner`
    insert into users (tenant_id, email, display_name, role, password_hash)
    values (${first.id}, ${adminEmail}, '基准管理员', 'bureau_admin', ${passwordHash})`;
  // Fresh statistics, so the planner sees a table of thousands of rows, not an empty one.
  await owner`analyze`;
  return { slug: first.slug, tenantId: first.id, adminEmail };
}
