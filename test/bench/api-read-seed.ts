// Seeds the scratch database for api-read: several tenants with a few thousand users each,
// inserted in bulk as the owner, plus the bureau admin the benchmark signs in as (also the tenant's
// security_admin, so it may list users; enrolled in 2FA, as every admin must be).
import type { Sql } from 'postgres';
import { keyring, parseKeyList } from '../../core/crypto/pii-crypto.ts';
import { DEV_PII_HMAC_KEY, DEV_PII_KEYS } from '../../core/crypto/dev-keys.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';
import { sealTotpSecret } from '../../core/two-factor/totp-secret.ts';
import { hashPassword } from '../../core/users/password.ts';

export const BENCH_PASSWORD = 'Bench-password-2026';
export const BENCH_TOTP_SECRET = 'BENCHBENCHBENCHBENCHBENCHBENCH22';
/** The benchmarks' apps run with the development keys (no PII_KEYS): the secret is sealed with them. */
const devKeyring = keyring(parseKeyList(DEV_PII_KEYS), Buffer.from(DEV_PII_HMAC_KEY, 'base64'));

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
  const [admin] = await owner<{ id: string }[]>`
    insert into users (tenant_id, email, display_name, role, extra_roles, password_hash)
    values (${first.id}, ${adminEmail}, '基准管理员', 'bureau_admin', '{security_admin}', ${passwordHash}) returning id`;
  const sealed = sealTotpSecret(devKeyring, first.id, admin!.id, BENCH_TOTP_SECRET);
  await owner`
    update users set totp_secret_ciphertext = ${sealed.totp_secret_ciphertext}, totp_secret_key_id = ${sealed.totp_secret_key_id},
      totp_enabled_at = now() where tenant_id = ${first.id} and id = ${admin!.id}`;
  // Fresh statistics, so the planner sees a table of thousands of rows, not an empty one.
  await owner`analyze`;
  return { slug: first.slug, tenantId: first.id, adminEmail };
}

type Request = (path: string, init: RequestInit) => Promise<Response>;

/** Both sign-in steps as the seeded admin (password, then the TOTP code of now); returns the cookie. */
export async function benchSignIn(request: Request, seed: ApiReadSeed, origin: string): Promise<string> {
  const res = await request(`/api/v1/t/${seed.slug}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: seed.adminEmail, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const pending = res.headers.getSetCookie().find((c) => c.includes('cj_session='))!.split(';')[0]!;
  // A code is accepted once: a second sign-in within the same 30 s takes the next step's code.
  for (const offset of [0, 30_000]) {
    const code = await request(`/api/v1/t/${seed.slug}/session/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: pending },
      body: JSON.stringify({ code: totpCodeFor(BENCH_TOTP_SECRET, new Date(Date.now() + offset)) }),
    });
    if (code.status === 200) return code.headers.getSetCookie().find((c) => c.includes('cj_session='))!.split(';')[0]!;
  }
  throw new Error('sign-in: the TOTP step failed');
}
