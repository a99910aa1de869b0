// Stores one evaluation's findings: compares them with the stored ones by key and content digest
// and writes only what changed (new, changed, reopened, seen on a new date, vanished), so a
// repeated run of an unchanged tenant reads one narrow column and writes nothing.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { IsoDate } from '../policy/dates.ts';
import type { Finding } from '../policy/finding.ts';

export interface StoredFinding {
  plugin_id: string;
  finding_key: string;
  subject: string;
  digest: string | null;
  last_seen_at: string;
  resolved_at: string | null;
}

/** The content a finding row holds besides its key and dates: equal digests, nothing to write. */
const computeDigest = (f: Finding) =>
  createHash('sha256')
    .update(JSON.stringify([f.pluginId, f.pluginVersion, f.ruleId, f.subject.type, f.subject.id, f.severity, f.messageId, f.params, f.clause, f.explanation]))
    .digest('base64url');
const digests = new WeakMap<Finding, string>();

/**
 * A finding's digest, computed once per finding object: the worker-thread runner digests each
 * plugin's findings as they arrive, while the worker runs the next plugin, so storing the run
 * finds them done.
 */
export function findingDigest(f: Finding): string {
  let digest = digests.get(f);
  if (digest === undefined) {
    digest = computeDigest(f);
    digests.set(f, digest);
  }
  return digest;
}

/**
 * What storeFindings compares with: one narrow row per stored finding of the plugins. The
 * engine reads it while the plugins run (the tenant's findings lock is held, so nothing else
 * writes them in between), and the comparison needs no further round trip.
 */
export async function readStoredFindings(tx: Tx, pluginIds: readonly string[]): Promise<StoredFinding[]> {
  const { rows } = await sql<StoredFinding>`
    select plugin_id, finding_key, subject_type || ':' || subject_id as subject, digest, to_char(last_seen_at, 'YYYY-MM-DD') as last_seen_at,
      to_char(resolved_at, 'YYYY-MM-DD') as resolved_at
    from findings where plugin_id in (select jsonb_array_elements_text(${JSON.stringify(pluginIds)}::jsonb))`.execute(tx);
  return rows;
}

/** `type:id` of a subject, as `within` lists them. */
export const subjectRef = (f: Pick<Finding, 'subject'>) => `${f.subject.type}:${f.subject.id}`;

/**
 * `findings` holds one finding per key of the plugins in `ran` (those that ran cleanly).
 * `within` limits the run to some subjects (a school's evaluation): only their stored findings
 * are compared, so the rest of the tenant's stay as they are. `prefetched` is readStoredFindings
 * of (at least) those plugins, read earlier in the same transaction. Returns how many
 * previously open findings were resolved.
 */
export async function storeFindings(
  tx: Tx,
  tenantId: string,
  ran: readonly string[],
  findings: ReadonlyMap<string, Finding>,
  at: IsoDate,
  within?: ReadonlySet<string>,
  prefetched?: Promise<readonly StoredFinding[]>,
): Promise<number> {
  if (ran.length === 0) return 0;
  const ranIds = new Set(ran);
  const all = (await (prefetched ?? readStoredFindings(tx, ran))).filter((r) => ranIds.has(r.plugin_id));
  const stored = { rows: within ? all.filter((r) => within.has(r.subject)) : all };
  const byKey = new Map(stored.rows.map((r) => [r.finding_key, r]));

  const writes = [];
  for (const [key, f] of findings) {
    if (within && !within.has(subjectRef(f))) continue;
    const digest = findingDigest(f);
    const old = byKey.get(key);
    if (old && old.digest === digest && old.resolved_at === null && old.last_seen_at === at) continue;
    writes.push({
      plugin_id: f.pluginId,
      plugin_version: f.pluginVersion,
      rule_id: f.ruleId,
      subject_type: f.subject.type,
      subject_id: f.subject.id,
      severity: f.severity,
      message_id: f.messageId,
      params: f.params,
      clause: f.clause,
      explanation: f.explanation,
      finding_key: key,
      digest,
    });
  }
  const gone = stored.rows.filter((r) => r.resolved_at === null && !findings.has(r.finding_key)).map((r) => r.finding_key);

  if (writes.length > 0) {
    // One statement for any number of rows: they travel as one jsonb parameter.
    await sql`
      insert into findings (tenant_id, plugin_id, plugin_version, rule_id, subject_type, subject_id, severity, message_id,
        params, clause, explanation, finding_key, digest, first_seen_at, last_seen_at)
      select ${tenantId}::uuid, x.plugin_id, x.plugin_version, x.rule_id, x.subject_type, x.subject_id, x.severity, x.message_id,
        x.params, x.clause, x.explanation, x.finding_key, x.digest, ${at}::date, ${at}::date
      from jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) as x(plugin_id text, plugin_version text, rule_id text,
        subject_type text, subject_id text, severity text, message_id text, params jsonb, clause text, explanation jsonb,
        finding_key text, digest text)
      on conflict on constraint findings_key_key do update set
        plugin_id = excluded.plugin_id, plugin_version = excluded.plugin_version, rule_id = excluded.rule_id,
        subject_type = excluded.subject_type, subject_id = excluded.subject_id, severity = excluded.severity,
        message_id = excluded.message_id, params = excluded.params, clause = excluded.clause, explanation = excluded.explanation,
        digest = excluded.digest, last_seen_at = greatest(findings.last_seen_at, excluded.last_seen_at), resolved_at = null`.execute(tx);
  }
  if (gone.length > 0) {
    await sql`update findings set resolved_at = greatest(first_seen_at, ${at}::date)
      where resolved_at is null and finding_key in (select jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))`.execute(tx);
  }
  return gone.length;
}
