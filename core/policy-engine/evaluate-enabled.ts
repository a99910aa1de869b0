// Evaluates what a tenant has enabled: its configured plugins (the manifest's config with the
// bureau's saved settings on top), their tasks synced first so the task list and the findings
// describe the same plugin versions.
import type { Tx } from '../db/database.ts';
import type { IsoDate } from '../policy/dates.ts';
import type { Tenant } from '../tenancy/schema.ts';
import { loadPluginSettings } from '../tenant-settings/plugin-settings.ts';
import { evaluateInScope, type TenantEvaluation } from './evaluate-tenant.ts';
import type { PolicyDeps } from './policy-deps.ts';
import type { EvaluationTrigger } from './schema.ts';
import { syncPluginTasks, type TaskSync } from './sync-plugin-tasks.ts';
import { tenantPlugins } from './tenant-plugins.ts';

export interface EnabledEvaluation extends TenantEvaluation {
  tasks: TaskSync;
}

/** `tx` must be scoped to `tenant` (withTenant or a request's transaction). */
export async function evaluateEnabled(
  tx: Tx,
  tenant: Pick<Tenant, 'id' | 'plugins'>,
  policy: PolicyDeps,
  at: IsoDate,
  trigger: EvaluationTrigger,
  scope: { schoolId?: string } = {},
): Promise<EnabledEvaluation> {
  const set = tenantPlugins(tenant.plugins, policy.registry, await loadPluginSettings(tx));
  const tasks = await syncPluginTasks(tx, tenant.id, set.plugins);
  const run = await evaluateInScope(tx, tenant.id, set.plugins, at, { configs: set.configs, runner: policy.runner, preErrors: set.missing, trigger, ...scope });
  return { ...run, tasks };
}
