// Reads the tenant-scoped tables from the catalog, and knows how to put one row in each.
// A new tenant table without a row factory here fails the isolation suite on purpose.
import { sql, type Kysely } from 'kysely';
import type { Db, Tx } from '../../core/db/database.ts';
import { studentIdColumns } from '../../core/students/student-pii.ts';
import { testPii } from '../support/test-pii.ts';

export async function tenantScopedTables(db: Db): Promise<string[]> {
  const result = await sql<{ table: string }>`
    select c.relname as table from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`.execute(db);
  return result.rows.map((r) => r.table);
}

type RowFactory = (tx: Tx, tenantId: string) => Promise<void>;

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function organization(tx: Tx, tenantId: string) {
  return tx.insertInto('organizations').values({ tenant_id: tenantId, kind: 'school', name: `学校${next()}` }).returning('id').executeTakeFirstOrThrow();
}

async function user(tx: Tx, tenantId: string) {
  return tx
    .insertInto('users')
    .values({ tenant_id: tenantId, email: `u${next()}@example.cn`, display_name: 'U', role: 'bureau_admin', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (tx: Tx) => tx as unknown as Kysely<any>;
const insert = async (tx: Tx, table: string, values: Record<string, unknown>) =>
  (await raw(tx).insertInto(table).values(values).returning('id').executeTakeFirstOrThrow());
const insertNoId = (tx: Tx, table: string, values: Record<string, unknown>) => raw(tx).insertInto(table).values(values).execute();

const enterprise = (tx: Tx, tenantId: string) =>
  insert(tx, 'organizations', { tenant_id: tenantId, kind: 'enterprise', name: `企业${next()}` });
const major = async (tx: Tx, tenantId: string) => {
  const school = await organization(tx, tenantId);
  return insert(tx, 'majors', { tenant_id: tenantId, school_id: school.id, code: String(460000 + (seq++ % 9999)), name: '机电' });
};
const idNumber = () => `11010520000101${String(1000 + (seq++ % 9000)).slice(-4)}`;
const student = async (tx: Tx, tenantId: string) => {
  const school = await organization(tx, tenantId);
  return insert(tx, 'students', { tenant_id: tenantId, school_id: school.id, name: '学生', gender: 'female', ...studentIdColumns(testPii, tenantId, idNumber()) });
};
const agreement = async (tx: Tx, tenantId: string) => {
  const [school, ent] = [await organization(tx, tenantId), await enterprise(tx, tenantId)];
  return insert(tx, 'agreements', { tenant_id: tenantId, school_id: school.id, enterprise_id: ent.id, mode: 'order_class', title: '协议' });
};
const teacher = async (tx: Tx, tenantId: string) => {
  const school = await organization(tx, tenantId);
  return insert(tx, 'teachers', { tenant_id: tenantId, school_id: school.id, teacher_number: `T${next()}`, name: '教师' });
};
const internship = async (tx: Tx, tenantId: string) => {
  const [s, ent] = [await student(tx, tenantId), await enterprise(tx, tenantId)];
  return insert(tx, 'internships', { tenant_id: tenantId, student_id: s.id, kind: 'post', enterprise_id: ent.id, start_on: '2026-03-01', end_on: '2026-08-31' });
};
const orderClass = async (tx: Tx, tenantId: string) =>
  insert(tx, 'order_classes', { tenant_id: tenantId, agreement_id: (await agreement(tx, tenantId)).id, name: '订单班', kind: 'order', cohort_year: 2025 });
const task = (tx: Tx, tenantId: string) => insert(tx, 'tasks', { tenant_id: tenantId, title: '任务' });

const reminder = (tx: Tx, tenantId: string) =>
  insert(tx, 'reminders', {
    tenant_id: tenantId, plugin_id: 'p', reminder_id: 'r', kind: 'calendar', subject_type: 'tenant', subject_id: tenantId, period: next(),
    title: JSON.stringify({ 'zh-CN': '提醒', en: 'Reminder' }), clause: '一', recipients: '{bureau_admin}',
  });

export const rowFactories: Record<string, RowFactory> = {
  enterprise_designations: async (tx, t) => {
    await insert(tx, 'enterprise_designations', { tenant_id: t, enterprise_id: (await enterprise(tx, t)).id, designation: 'integration_enterprise', stage: 'pool', level: 'city' });
  },
  industry_chains: async (tx, t) => void (await insert(tx, 'industry_chains', { tenant_id: t, name: `链${next()}` })),
  major_clusters: async (tx, t) => void (await insert(tx, 'major_clusters', { tenant_id: t, school_id: (await organization(tx, t)).id, name: '群' })),
  majors: async (tx, t) => void (await major(tx, t)),
  major_yearly_stats: async (tx, t) => void (await insertNoId(tx, 'major_yearly_stats', { tenant_id: t, major_id: (await major(tx, t)).id, year: 2025, enrolment: 40 })),
  attachments: async (tx, t) =>
    void (await insert(tx, 'attachments', { tenant_id: t, filename: 'a.pdf', content_type: 'application/pdf', size_bytes: 1, sha256: 'x', content: Buffer.from('x') })),
  agreements: async (tx, t) => void (await agreement(tx, t)),
  students: async (tx, t) => void (await student(tx, t)),
  order_classes: async (tx, t) => void (await orderClass(tx, t)),
  order_class_students: async (tx, t) => {
    const oc = await orderClass(tx, t);
    await insertNoId(tx, 'order_class_students', { tenant_id: t, order_class_id: oc.id, student_id: (await student(tx, t)).id });
  },
  teachers: async (tx, t) => void (await teacher(tx, t)),
  teacher_practice_periods: async (tx, t) =>
    void (await insert(tx, 'teacher_practice_periods', { tenant_id: t, teacher_id: (await teacher(tx, t)).id, enterprise_name: '企业', start_on: '2025-01-01', end_on: '2025-06-30' })),
  internships: async (tx, t) => void (await internship(tx, t)),
  internship_logs: async (tx, t) =>
    void (await insert(tx, 'internship_logs', { tenant_id: t, internship_id: (await internship(tx, t)).id, week_start: '2026-03-02', content: '周记' })),
  internship_evaluations: async (tx, t) => {
    const { id: userId } = await user(tx, t);
    await insertNoId(tx, 'internship_evaluations', { tenant_id: t, internship_id: (await internship(tx, t)).id, side: 'school', score: 90, evaluator_user_id: userId });
  },
  bases: async (tx, t) => void (await insert(tx, 'bases', { tenant_id: t, name: '基地', kind: 'training', owner_id: (await organization(tx, t)).id })),
  trainings: async (tx, t) =>
    void (await insert(tx, 'trainings', { tenant_id: t, provider_id: (await organization(tx, t)).id, kind: 'employee_skills', title: '培训', start_on: '2025-01-01', end_on: '2025-01-05' })),
  events: async (tx, t) => void (await insert(tx, 'events', { tenant_id: t, kind: 'committee_meeting', title: '会议', held_on: '2025-03-01' })),
  talent_demand_posts: async (tx, t) =>
    void (await insert(tx, 'talent_demand_posts', { tenant_id: t, enterprise_id: (await enterprise(tx, t)).id, position: '技工', headcount: 3, period_start: '2026-01-01', period_end: '2026-06-30' })),
  funding_records: async (tx, t) => void (await insert(tx, 'funding_records', { tenant_id: t, project: '实训基地', year: 2025 })),
  tasks: async (tx, t) => void (await task(tx, t)),
  import_batches: async (tx, t) =>
    void (await insert(tx, 'import_batches', { tenant_id: t, entity: 'organizations', created_by: (await user(tx, t)).id, rows: '[]' })),
  findings: async (tx, t) =>
    void (await insert(tx, 'findings', {
      tenant_id: t, plugin_id: 'p', plugin_version: '1.0.0', rule_id: 'p/r', subject_type: 'tenant', subject_id: t, severity: 'info',
      message_id: 'm', clause: '一', explanation: '{"parameters":[],"facts":{}}', finding_key: `p/r|tenant:${next()}`, first_seen_at: '2026-01-01', last_seen_at: '2026-01-01',
    })),
  plugin_errors: async (tx, t) =>
    void (await insert(tx, 'plugin_errors', { tenant_id: t, plugin_id: `p${next()}`, plugin_version: '1.0.0', kind: 'threw', message: 'boom', at: '2026-01-01' })),
  evaluation_runs: async (tx, t) =>
    void (await insert(tx, 'evaluation_runs', {
      tenant_id: t, evaluated_for: '2026-01-01', trigger: 'api', plugin_ids: '{}', open_count: 0, resolved_count: 0, error_count: 0,
      load_ms: 1, evaluate_ms: 1, started_at: new Date('2026-01-01T00:00:00Z'),
    })),
  consents: async (tx, t) =>
    void (await insert(tx, 'consents', { tenant_id: t, student_id: (await student(tx, t)).id, purpose: 'location', given_by: 'student', consenter_name: '学生', granted_on: '2026-01-01' })),
  data_subject_requests: async (tx, t) =>
    void (await insert(tx, 'data_subject_requests', { tenant_id: t, student_id: (await student(tx, t)).id, kind: 'export', reason: '本人申请' })),
  reminders: async (tx, t) => void (await reminder(tx, t)),
  reminder_deliveries: async (tx, t) =>
    void (await insert(tx, 'reminder_deliveries', { tenant_id: t, reminder_id: (await reminder(tx, t)).id, channel: 'webhook', target: 'http://127.0.0.1/hook' })),
  notifications: async (tx, t) =>
    void (await insert(tx, 'notifications', { tenant_id: t, reminder_id: (await reminder(tx, t)).id, user_id: (await user(tx, t)).id })),
  delivery_settings: async (tx, t) => void (await insert(tx, 'delivery_settings', { tenant_id: t, email_enabled: true })),
  metric_snapshots: async (tx, t) =>
    void (await insert(tx, 'metric_snapshots', { tenant_id: t, day: '2026-01-01', metric: `m${next()}`, scope_type: 'tenant', scope_id: t, value: 1 })),
  target_snapshots: async (tx, t) =>
    void (await insert(tx, 'target_snapshots', {
      tenant_id: t, day: '2026-01-01', plugin_id: 'p', target_id: `t${next()}`, metric: 'majors.count', value: 1, goal: 1, expected: 1, status: 'green',
    })),
  reports: async (tx, t) => void (await insert(tx, 'reports', { tenant_id: t, year: 2015 + (seq++ % 80), lang: 'zh-CN' })),
  tenant_plugin_settings: async (tx, t) => void (await insertNoId(tx, 'tenant_plugin_settings', { tenant_id: t, plugin_id: `p${next()}`, layer_id: 'l', config: '{}' })),
  task_notes: async (tx, t) => void (await insert(tx, 'task_notes', { tenant_id: t, task_id: (await task(tx, t)).id, note: '进展' })),
  organizations: async (tx, tenantId) => void (await organization(tx, tenantId)),
  users: async (tx, tenantId) => void (await user(tx, tenantId)),
  sessions: async (tx, tenantId) => {
    const { id } = await user(tx, tenantId);
    await tx.insertInto('sessions').values({ tenant_id: tenantId, id: `s${next()}`, user_id: id, expires_at: new Date(Date.now() + 3_600_000), user_agent: null, ip: null }).execute();
  },
  recovery_codes: async (tx, t) => void (await insert(tx, 'recovery_codes', { tenant_id: t, user_id: (await user(tx, t)).id, code_hash: `h${next()}` })),
  support_access_grants: async (tx, t) =>
    void (await insert(tx, 'support_access_grants', { tenant_id: t, operator_user_id: '00000000-0000-4000-8000-000000000001', operator_email: 'op@chanjiao.demo', reason: '排查学生导入失败的问题', hours: 2, requested_at: new Date() })),
  audit_log: async (tx, tenantId) => {
    await tx.insertInto('audit_log').values({ tenant_id: tenantId, actor_user_id: null, action: 'test', entity: 'test', entity_id: null, changes: null, request_id: null }).execute();
  },
};
