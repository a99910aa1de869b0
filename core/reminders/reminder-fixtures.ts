// A small plugin and stored findings for the reminder tests and the benchmark: a committee that
// meets twice a year, a yearly report due 12-31, and a notice per teacher without practice.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { definePolicyPlugin, SDK_VERSION } from '../policy/define-policy-plugin.ts';
import { withTenant } from '../tenancy/with-tenant.ts';

const titles = { 'zh-CN': '测试', en: 'Test' };
export const reminderTestPlugin = definePolicyPlugin({
  id: 'remind-test',
  version: '1.0.0',
  sdk: `^${SDK_VERSION}`,
  title: titles,
  source: { title: '测试', issuer: '测试局', date: '2024-01-01', referenceNumber: null, seedFile: 'test.txt' },
  messages: { none: { 'zh-CN': '没有企业实践', en: 'No enterprise practice' } },
  rules: [{ id: 'no-practice', title: titles, clause: '三(三)10', check: () => [] }],
  reminders: [
    { id: 'committee', title: { 'zh-CN': '校企合作委员会会议', en: 'Cooperation committee meeting' }, clause: '四(一)', when: { timesPerYear: 2 }, recipients: ['bureau_admin'] },
    { id: 'annual-report', title: { 'zh-CN': '年度报告', en: 'Annual report' }, clause: '四(二)', when: { every: 'year', before: '12-31' }, recipients: ['bureau_admin'] },
    { id: 'practice-notice', title: { 'zh-CN': '教师企业实践不足', en: 'Teacher practice short' }, clause: '三(三)10', when: { onFinding: 'no-practice' }, recipients: ['school_admin', 'bureau_admin'] },
  ],
});

/** Stores open findings of `remind-test/no-practice` on the given subjects, as an evaluation would. */
export async function openFindings(db: Db, tenantId: string, subjects: { type: string; id: string }[], at = '2026-03-01') {
  const rows = subjects.map((s) => ({ subject_type: s.type, subject_id: s.id, finding_key: `remind-test/no-practice|${s.type}:${s.id}` }));
  await withTenant(db, tenantId, (tx) =>
    sql`
      insert into findings (tenant_id, plugin_id, plugin_version, rule_id, subject_type, subject_id, severity, message_id, clause, explanation, finding_key, first_seen_at, last_seen_at)
      select ${tenantId}::uuid, 'remind-test', '1.0.0', 'remind-test/no-practice', x.subject_type, x.subject_id, 'violation', 'none', '三(三)10',
        '{"parameters":[],"facts":{}}'::jsonb, x.finding_key, ${at}::date, ${at}::date
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(subject_type text, subject_id text, finding_key text)
      on conflict on constraint findings_key_key do update set resolved_at = null`.execute(tx),
  );
}

export async function resolveFindings(db: Db, tenantId: string, subjectIds: string[], at = '2026-03-02') {
  await withTenant(db, tenantId, (tx) =>
    tx.updateTable('findings').set({ resolved_at: at }).where('subject_id', 'in', subjectIds).execute(),
  );
}
