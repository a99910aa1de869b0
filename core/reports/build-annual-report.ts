// The annual 产教融合效能评价 report as plain data: every enabled plugin's targets judged at year-end
// (today for a year not yet over), the findings of the year, a table per school, and the plugins' own
// report sections with their metric values. Renderers (HTML, XLSX) only format this.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { isKnownMetric, resolveMetric, type MetricInstance } from '../metrics/catalog.ts';
import { computeMetric, metricRowsQuery } from '../metrics/compute-metric.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { LocalizedText } from '../policy/parameters.ts';
import type { Severity } from '../policy/finding.ts';
import type { PluginRegistry } from '../policy-engine/tenant-plugins.ts';
import { tenantTargetProgress, type TargetProgress } from '../targets/target-progress.ts';
import type { Tenant } from '../tenancy/schema.ts';

/** The per-school columns that come from the metric catalogue (one GROUP BY per metric family). */
export const SCHOOL_METRICS = {
  practiceShort: 'teachers.practiceShort{window=5y,months=6}',
  internships: 'internships.count',
  insuredRatio: 'internships.insured.ratio',
  dualEvaluatedRatio: 'internships.dualEvaluated.ratio',
  activeAgreements: 'agreements.active',
} as const;
type SchoolMetricKey = keyof typeof SCHOOL_METRICS;

export interface FindingCounts {
  pluginId: string;
  pluginTitle: LocalizedText | null;
  severity: Severity;
  /** Open on the report's day: first seen by then, not resolved by then. */
  open: number;
  /** First seen from 1 January to the report's day. */
  opened: number;
  /** Resolved from 1 January to the report's day. */
  resolved: number;
}

export interface SchoolRow {
  id: string;
  name: string;
  teachers: number;
  professionalTeachers: number;
  /** Null when this installation has no practice metric. */
  practiceShort: number | null;
  internships: number;
  insuredRatio: number;
  dualEvaluatedRatio: number;
  activeAgreements: number;
}

export interface SectionMetric {
  name: string;
  value: number | null;
  /** Why there is no value: an unknown metric, or one with no tenant-wide meaning. */
  problem?: string;
}

export interface PluginReport {
  pluginId: string;
  reportId: string;
  title: LocalizedText;
  clause: string | null;
  sections: { title: LocalizedText; metrics: SectionMetric[] }[];
}

export interface AnnualReport {
  tenant: { id: string; slug: string; name: LocalizedText };
  year: number;
  /** The day everything is measured on: 31 December, or today for the current year. */
  at: string;
  plugins: { id: string; version: string; title: LocalizedText }[];
  targets: TargetProgress[];
  findings: { totals: { open: number; opened: number; resolved: number }; rows: FindingCounts[] };
  schools: SchoolRow[];
  pluginReports: PluginReport[];
}

/** 31 December of `year`, or `today` when the year is not over yet. */
export function reportDay(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

export async function buildAnnualReport(
  tx: Tx,
  tenant: Tenant,
  year: number,
  policy: { plugins: readonly PolicyPlugin[]; registry: PluginRegistry; today: string },
): Promise<AnnualReport> {
  const at = reportDay(year, policy.today);
  const metricTenant = { id: tenant.id, timezone: tenant.timezone };
  const targets = await tenantTargetProgress(tx, policy.plugins, at, { tenant: metricTenant });
  const findings = await findingCounts(tx, tenant.id, `${year}-01-01`, at, policy.registry);
  const schools = await schoolRows(tx, metricTenant, at);
  const pluginReports: PluginReport[] = [];
  for (const plugin of policy.plugins) {
    for (const report of plugin.reports) {
      const sections = [];
      for (const section of report.sections) {
        const metrics: SectionMetric[] = [];
        for (const name of section.metrics) metrics.push(await sectionMetric(tx, name, at, metricTenant));
        sections.push({ title: section.title, metrics });
      }
      pluginReports.push({ pluginId: plugin.id, reportId: report.id, title: report.title, clause: report.clause ?? null, sections });
    }
  }
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: { 'zh-CN': tenant.name_zh, en: tenant.name_en } },
    year,
    at,
    plugins: policy.plugins.map((p) => ({ id: p.id, version: p.version, title: p.title })),
    targets,
    findings,
    schools,
    pluginReports,
  };
}

async function sectionMetric(tx: Tx, name: string, at: string, tenant: { id: string; timezone: string }): Promise<SectionMetric> {
  try {
    return { name, value: await computeMetric(tx, name, { at, tenant }) };
  } catch (error) {
    return { name, value: null, problem: (error as Error).message };
  }
}

async function findingCounts(tx: Tx, tenantId: string, from: string, at: string, registry: PluginRegistry) {
  const { rows } = await sql<{ plugin_id: string; severity: Severity; open: string; opened: string; resolved: string }>`
    select plugin_id, severity,
      count(*) filter (where first_seen_at <= ${at}::date and (resolved_at is null or resolved_at > ${at}::date)) as open,
      count(*) filter (where first_seen_at between ${from}::date and ${at}::date) as opened,
      count(*) filter (where resolved_at between ${from}::date and ${at}::date) as resolved
    from findings
    where tenant_id = ${tenantId} and first_seen_at <= ${at}::date
    group by plugin_id, severity
    order by plugin_id, severity`.execute(tx);
  const out: FindingCounts[] = rows.map((r) => ({
    pluginId: r.plugin_id,
    pluginTitle: registry.get(r.plugin_id)?.title ?? null,
    severity: r.severity,
    open: Number(r.open),
    opened: Number(r.opened),
    resolved: Number(r.resolved),
  }));
  const sum = (k: 'open' | 'opened' | 'resolved') => out.reduce((n, r) => n + r[k], 0);
  return { totals: { open: sum('open'), opened: sum('opened'), resolved: sum('resolved') }, rows: out };
}

async function schoolRows(tx: Tx, tenant: { id: string; timezone: string }, at: string): Promise<SchoolRow[]> {
  // Teachers on staff by `at` (hire date unknown counts: the record says they teach there).
  const { rows: base } = await sql<{ id: string; name: string; teachers: string; professional: string }>`
    select o.id, o.name,
      count(t.id) as teachers,
      count(t.id) filter (where t.is_professional) as professional
    from organizations o
    left join teachers t on t.tenant_id = o.tenant_id and t.school_id = o.id and (t.hire_date is null or t.hire_date <= ${at}::date)
    where o.tenant_id = ${tenant.id} and o.kind = 'school'
    group by o.id, o.name
    order by o.name, o.id`.execute(tx);
  const values = new Map<string, Map<string, number>>();
  const byFamily = new Map<string, MetricInstance[]>();
  for (const name of Object.values(SCHOOL_METRICS)) {
    if (!isKnownMetric(name)) continue;
    const metric = { ...resolveMetric(name), name };
    byFamily.set(metric.family.key, [...(byFamily.get(metric.family.key) ?? []), metric]);
  }
  const ctx = { tenantId: tenant.id, at, timezone: tenant.timezone };
  for (const instances of byFamily.values()) {
    const { rows } = await metricRowsQuery(ctx, instances[0]!.family, instances, ['school']).execute(tx);
    for (const r of rows) {
      const perSchool = values.get(r.scope_id) ?? new Map<string, number>();
      perSchool.set(r.metric, Number(r.value));
      values.set(r.scope_id, perSchool);
    }
  }
  const known = (key: SchoolMetricKey) => isKnownMetric(SCHOOL_METRICS[key]);
  return base.map((s) => {
    const v = (key: SchoolMetricKey, empty = 0) => values.get(s.id)?.get(SCHOOL_METRICS[key]) ?? empty;
    return {
      id: s.id,
      name: s.name,
      teachers: Number(s.teachers),
      professionalTeachers: Number(s.professional),
      practiceShort: known('practiceShort') ? v('practiceShort') : null,
      internships: v('internships'),
      // The share of an empty set is 1, as the metric defines it.
      insuredRatio: v('insuredRatio', 1),
      dualEvaluatedRatio: v('dualEvaluatedRatio', 1),
      activeAgreements: v('activeAgreements'),
    };
  });
}
