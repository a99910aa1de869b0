// Evaluates a tenant's enabled plugins at a date and stores the outcome: findings upserted by
// rule + subject (opened, seen again, reopened), vanished ones resolved, plugin errors recorded.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import type { EvaluateOptions, PluginError } from '../policy/evaluate.ts';
import { findingKey, type Finding } from '../policy/finding.ts';
import type { IsoDate } from '../policy/dates.ts';
import { withTenant } from '../tenancy/with-tenant.ts';
import { inThreadRunner, type EvaluationRunner } from './evaluation-runner.ts';
import { loadDataViewParts } from './load-view.ts';
import { schoolSubjects } from './school-subjects.ts';
import { readStoredFindings, storeFindings, subjectRef } from './store-findings.ts';
import type { EvaluationTrigger } from './schema.ts';

export interface TenantEvaluation {
  at: IsoDate;
  /** Findings of the plugins that ran cleanly, now open in storage. */
  open: number;
  /** Previously open findings that this run no longer produced. */
  resolved: number;
  errors: PluginError[];
  loadMs: number;
  evaluateMs: number;
}

export interface TenantEvaluateOptions extends EvaluateOptions {
  /** In-thread by default; the app and workers pass the worker-thread runner with a time budget. */
  runner?: EvaluationRunner;
  /** Errors found before running (an enabled plugin that is not installed): stored with the rest. */
  preErrors?: readonly PluginError[];
  trigger?: EvaluationTrigger;
  /**
   * Evaluate one school: its records (and every organization) are loaded, and only findings
   * about the school, its teachers, internships and agreements are stored or resolved; findings
   * about the whole tenant need the whole tenant and are left to a tenant run.
   */
  schoolId?: string;
}

/** Evaluates in its own tenant transaction (jobs, the CLI, tests). */
export async function evaluateTenant(
  db: Db,
  tenantId: string,
  plugins: readonly PolicyPlugin[],
  at: IsoDate,
  options: TenantEvaluateOptions = {},
): Promise<TenantEvaluation> {
  return withTenant(db, tenantId, (tx) => evaluateInScope(tx, tenantId, plugins, at, options));
}

/**
 * Evaluates inside a transaction already scoped to the tenant, e.g. an API request's (on the
 * embedded database a second transaction would wait for the request's one connection forever).
 */
export async function evaluateInScope(
  tx: Tx,
  tenantId: string,
  plugins: readonly PolicyPlugin[],
  at: IsoDate,
  options: TenantEvaluateOptions = {},
): Promise<TenantEvaluation> {
  const startedAt = new Date();
  // Two evaluations of one tenant at once would race on which keys count as vanished; taken
  // first, so the second one loads the view only after the first has stored its results.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`findings:${tenantId}`}, 0))`.execute(tx);
  const t0 = performance.now();
  // Only what the plugins read: a tenant without an internship rule never loads its internships.
  const reads = [...new Set(plugins.flatMap((p) => p.reads))];
  const view = await loadDataViewParts(tx, tenantId, reads, options.schoolId);
  // The runner takes the collections as they arrive: decoding overlaps the rest of the load.
  const running = (options.runner ?? inThreadRunner).run(plugins, view, at, options);
  running.catch(() => undefined);
  // Queued behind the view on the same connection: the stored findings are read while the plugins run.
  const stored = readStoredFindings(tx, [...new Set(plugins.map((p) => p.id))]);
  stored.catch(() => undefined);
  await Promise.all(view.parts);
  // loadMs: until the database has handed over the last collection; evaluateMs: from then
  // until the plugins' results are back (the decoding of what arrived last, and the rules).
  const t1 = performance.now();
  const ran0 = await running;
  const t2 = performance.now();
  const result = { ...ran0, errors: [...(options.preErrors ?? []), ...ran0.errors] };

  // A plugin with any error produced no trustworthy results: its stored findings stay as they
  // were (neither refreshed nor resolved). A plugin id enabled twice counts as errored too.
  const errored = new Set(result.errors.map((e) => e.pluginId));
  const ran = [...new Set(plugins.map((p) => p.id))].filter((id) => !errored.has(id));
  const within = options.schoolId === undefined ? undefined : await schoolSubjects(tx, options.schoolId);
  const byKey = new Map<string, Finding>();
  for (const f of result.findings) {
    // One row per key: the upsert cannot touch the same row twice in one statement.
    if (!errored.has(f.pluginId) && !byKey.has(findingKey(f)) && (!within || within.has(subjectRef(f)))) byKey.set(findingKey(f), f);
  }
  const errorRows = [...new Map(result.errors.map((e) => [e.pluginId, e])).values()].map((e) => ({
    plugin_id: e.pluginId,
    plugin_version: e.pluginVersion,
    rule_id: e.ruleId,
    kind: e.kind,
    message: e.message,
  }));
  const resolved = await storeFindings(tx, tenantId, ran, byKey, at, within, stored);
  if (errorRows.length > 0) {
    await sql`
    insert into plugin_errors (tenant_id, plugin_id, plugin_version, rule_id, kind, message, at)
    select ${tenantId}::uuid, x.plugin_id, x.plugin_version, x.rule_id, x.kind, x.message, ${at}::date
    from jsonb_to_recordset(${JSON.stringify(errorRows)}::jsonb) as x(plugin_id text, plugin_version text, rule_id text, kind text, message text)
    on conflict on constraint plugin_errors_run_key do update set
      plugin_version = excluded.plugin_version, rule_id = excluded.rule_id, kind = excluded.kind, message = excluded.message, recorded_at = now()
    where (plugin_errors.plugin_version, plugin_errors.rule_id, plugin_errors.kind, plugin_errors.message)
      is distinct from (excluded.plugin_version, excluded.rule_id, excluded.kind, excluded.message)`.execute(tx);
  }
  const loadMs = Math.round(t1 - t0);
  const evaluateMs = Math.round(t2 - t1);
  await tx
    .insertInto('evaluation_runs')
    .values({
      tenant_id: tenantId,
      evaluated_for: at,
      trigger: options.trigger ?? 'job',
      plugin_ids: plugins.map((p) => p.id),
      open_count: byKey.size,
      resolved_count: resolved,
      error_count: result.errors.length,
      load_ms: loadMs,
      evaluate_ms: evaluateMs,
      started_at: startedAt,
      school_id: options.schoolId ?? null,
    })
    .execute();
  return { at, open: byKey.size, resolved, errors: result.errors, loadMs, evaluateMs };
}
