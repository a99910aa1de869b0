// The dashboard's open findings (counts by severity and the five most severe), remembered per
// tenant until its next evaluation run. Findings change only in an evaluation, which records its
// run in the same transaction, so a new run is exactly when the summary can differ; counting
// 200,000 open findings on every dashboard view (≈ 1 s) is what this saves.
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import type { FindingRow } from '../../../core/policy-engine/describe-finding.ts';
import { countFindings, listFindings } from '../../../core/policy-engine/findings-query.ts';
import type { Severity } from '../../../core/policy/finding.ts';

export interface FindingSummary {
  counts: Record<Severity, number>;
  top: FindingRow[];
}

const remembered = new Map<string, { version: string; summary: FindingSummary }>();

/**
 * What identifies the tenant's findings as of now: the last run's end, and how many runs ended in
 * the day before it (a run committing after a later-started one still changes the count). Both
 * come from the (tenant_id, finished_at desc) index, a day's runs at most. One text value, so it
 * can also be read as a column of a larger statement (the dashboard's one read).
 */
export const findingsVersionQuery = () => sql<{ version: string }>`
    with last as (select max(finished_at) as at from evaluation_runs where tenant_id = current_tenant_id())
    select coalesce((select count(*) from evaluation_runs r, last where r.tenant_id = current_tenant_id() and r.finished_at > last.at - interval '1 day'), 0)::text
           || '|' || coalesce((select at::text from last), '') as version`;

async function findingsVersion(tx: Tx): Promise<string> {
  const { rows } = await findingsVersionQuery().execute(tx);
  return rows[0]?.version ?? '0|';
}

/** The summary as of `version` (findingsVersionQuery's, read in the same transaction), counted again only when it changed. */
export async function openFindingSummary(tx: Tx, tenantId: string, version?: string): Promise<FindingSummary> {
  version ??= await findingsVersion(tx);
  const known = remembered.get(tenantId);
  if (known && known.version === version) return known.summary;
  const summary = { counts: await countFindings(tx, { status: 'open' }), top: await listFindings(tx, { status: 'open' }, { limit: 5, offset: 0 }) };
  remembered.set(tenantId, { version, summary });
  return summary;
}
