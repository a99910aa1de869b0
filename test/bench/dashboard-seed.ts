// Seeds the dashboard benchmark's tenant: rollup's 200 schools and 1,000,000 internships, and what
// the dashboard lists besides the snapshots: an open finding per uninsured internship (200,000),
// departments with tasks, pending reminders, and the bureau admin the benchmark signs in as.
import type { Sql } from 'postgres';
import { keyring, parseKeyList } from '../../core/crypto/pii-crypto.ts';
import { DEV_PII_HMAC_KEY, DEV_PII_KEYS } from '../../core/crypto/dev-keys.ts';
import { sealTotpSecret } from '../../core/two-factor/totp-secret.ts';
import { hashPassword } from '../../core/users/password.ts';
import { BENCH_PASSWORD, BENCH_TOTP_SECRET, type ApiReadSeed } from './api-read-seed.ts';
import { seedRollupTenant } from './rollup.bench.ts';

const devKeyring = keyring(parseKeyList(DEV_PII_KEYS), Buffer.from(DEV_PII_HMAC_KEY, 'base64'));
const SLUG = 'bench-dashboard';

export async function seedDashboardTenant(owner: Sql): Promise<ApiReadSeed & { summary: string }> {
  const [tenant] = await owner<{ id: string }[]>`
    insert into tenants (slug, name_zh, name_en, kind, timezone, plugins)
    values (${SLUG}, '基准师', 'Bench division', 'corps-division', 'Asia/Shanghai', ${owner.json([{ id: 'xpcc12-2020', config: {} }])})
    returning id`;
  const tenantId = tenant!.id;
  await seedRollupTenant(owner, tenantId);
  // What an evaluation leaves: the insurance rule's violation on every uninsured internship (g % 5 = 0).
  await owner.unsafe(`
    insert into findings (tenant_id, plugin_id, plugin_version, rule_id, subject_type, subject_id, severity, message_id, clause,
                          explanation, finding_key, first_seen_at, last_seen_at)
    select '${tenantId}', 'xpcc12-2020', '1.0.0', 'internship-insurance', 'internship', md5('int' || g)::uuid::text, 'violation', 'uninsured', '三(五)17',
           '{"parameters":[],"facts":{}}', 'internship-insurance|internship:' || g, date '2024-06-30', date '2024-06-30'
    from generate_series(5, 1000000, 5) g`);
  await owner.unsafe(`
    insert into organizations (tenant_id, id, kind, name)
    select '${tenantId}', md5('dept' || g)::uuid, 'department', '责任单位' || g from generate_series(1, 8) g`);
  await owner.unsafe(`
    insert into tasks (tenant_id, title, clause, lead_unit_id, due_on, status, progress)
    select '${tenantId}', '任务' || g, '三(' || g % 9 || ')', md5('dept' || (g % 8 + 1))::uuid, current_date + (g % 90 - 30), 'in_progress', g % 100
    from generate_series(1, 80) g`);
  await owner.unsafe(`
    insert into reminders (tenant_id, plugin_id, reminder_id, kind, subject_type, subject_id, period, title, clause, recipients, due_on)
    select '${tenantId}', 'xpcc12-2020', 'bench-' || g, 'calendar', 'tenant', '${tenantId}', '2026',
           '{"zh-CN": "定期报送", "en": "Periodic report"}', '四(二)', '{bureau_admin}', current_date + g
    from generate_series(1, 20) g`);
  const adminEmail = `admin@${SLUG}.example.cn`;
  const [admin] = await owner<{ id: string }[]>`
    insert into users (tenant_id, email, display_name, role, password_hash)
    values (${tenantId}, ${adminEmail}, '基准管理员', 'bureau_admin', ${await hashPassword(BENCH_PASSWORD)}) returning id`;
  const sealed = sealTotpSecret(devKeyring, tenantId, admin!.id, BENCH_TOTP_SECRET);
  await owner`
    update users set totp_secret_ciphertext = ${sealed.totp_secret_ciphertext}, totp_secret_key_id = ${sealed.totp_secret_key_id},
      totp_enabled_at = now() where tenant_id = ${tenantId} and id = ${admin!.id}`;
  await owner.unsafe('vacuum analyze');
  return { slug: SLUG, tenantId, adminEmail, summary: '200 schools, 1,000,000 internships, 200,000 open findings' };
}
