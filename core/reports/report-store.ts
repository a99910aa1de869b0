// Stored annual reports: queue a request, generate and store (replacing the year's report in that
// language), list and read. One row per (tenant, year, lang), so regenerating never piles up copies.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { Lang, Translator } from '../i18n/lang.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { PluginRegistry } from '../policy-engine/tenant-plugins.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { buildAnnualReport } from './build-annual-report.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportXlsx } from './render-report-xlsx.ts';
import type { ReportStatus } from './schema.ts';

/** The earliest year a report may be asked for (the 2014–2015 reform texts the plugins cite). */
export const FIRST_REPORT_YEAR = 2015;

export interface ReportSummary {
  id: string;
  year: number;
  lang: Lang;
  status: ReportStatus;
  error: string | null;
  requestedBy: string | null;
  requestedAt: string;
  generatedAt: string | null;
}

export interface GenerateDeps {
  plugins: readonly PolicyPlugin[];
  registry: PluginRegistry;
  t: Translator;
  /** The tenant's local day now: a report of the current year is as of today. */
  today: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const summaryColumns = ['id', 'year', 'lang', 'status', 'error', 'requested_by', 'requested_at', 'generated_at'] as const;
type SummaryRow = { id: string; year: number; lang: Lang; status: ReportStatus; error: string | null; requested_by: string | null; requested_at: Date; generated_at: Date | null };
const toSummary = (r: SummaryRow): ReportSummary => ({
  id: r.id, year: r.year, lang: r.lang, status: r.status, error: r.error, requestedBy: r.requested_by, requestedAt: iso(r.requested_at)!, generatedAt: iso(r.generated_at),
});

/** Marks the year's report (in `lang`) queued, clearing the previous content; returns its row. */
export async function queueReport(tx: Tx, tenantId: string, year: number, lang: Lang, requestedBy: string | null): Promise<ReportSummary> {
  const row = await tx
    .insertInto('reports')
    .values({ tenant_id: tenantId, year, lang, status: 'queued', requested_by: requestedBy })
    .onConflict((oc) =>
      oc.constraint('reports_year_lang_key').doUpdateSet({ status: 'queued', html: null, xlsx: null, error: null, generated_at: null, requested_by: requestedBy, requested_at: sql`now()` }),
    )
    .returning(summaryColumns)
    .executeTakeFirstOrThrow();
  return toSummary(row);
}

/**
 * Builds, renders and stores the report, replacing the year's row in that language. A failure to
 * build or render is stored as status failed with its message (and rethrown for the job's retries).
 */
export async function generateReport(tx: Tx, tenant: Tenant, year: number, lang: Lang, deps: GenerateDeps, requestedBy: string | null = null): Promise<ReportSummary> {
  let html: string;
  let xlsx: Uint8Array;
  // A savepoint, so a failing query inside does not abort the transaction the failure is recorded in.
  await sql`savepoint report_build`.execute(tx);
  try {
    const data = await buildAnnualReport(tx, tenant, year, deps);
    html = renderReportHtml(data, lang, deps.t);
    xlsx = await renderReportXlsx(data, lang, deps.t);
    await sql`release savepoint report_build`.execute(tx);
  } catch (error) {
    await sql`rollback to savepoint report_build`.execute(tx);
    await storeFailure(tx, tenant.id, year, lang, requestedBy, (error as Error).message);
    throw error;
  }
  const row = await tx
    .insertInto('reports')
    .values({ tenant_id: tenant.id, year, lang, status: 'ready', html, xlsx: Buffer.from(xlsx), requested_by: requestedBy, generated_at: sql`now()` })
    .onConflict((oc) =>
      oc.constraint('reports_year_lang_key').doUpdateSet((eb) => ({
        status: 'ready', html, xlsx: Buffer.from(xlsx), error: null, generated_at: sql`now()`,
        // The job keeps who asked; an inline request names its user.
        requested_by: requestedBy ?? eb.ref('reports.requested_by'),
      })),
    )
    .returning(summaryColumns)
    .executeTakeFirstOrThrow();
  return toSummary(row);
}

async function storeFailure(tx: Tx, tenantId: string, year: number, lang: Lang, requestedBy: string | null, message: string) {
  await tx
    .insertInto('reports')
    .values({ tenant_id: tenantId, year, lang, status: 'failed', error: message, requested_by: requestedBy })
    .onConflict((oc) => oc.constraint('reports_year_lang_key').doUpdateSet({ status: 'failed', error: message, html: null, xlsx: null, generated_at: null }))
    .execute();
}

export async function listReports(tx: Tx): Promise<ReportSummary[]> {
  const rows = await tx.selectFrom('reports').select(summaryColumns).orderBy('year', 'desc').orderBy('lang').execute();
  return rows.map(toSummary);
}

export async function findReport(tx: Tx, id: string): Promise<ReportSummary | undefined> {
  const row = await tx.selectFrom('reports').select(summaryColumns).where('id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function reportContent<K extends 'html' | 'xlsx'>(tx: Tx, id: string, kind: K) {
  return tx.selectFrom('reports').select(['year', 'lang', 'status', kind]).where('id', '=', id).executeTakeFirst();
}
