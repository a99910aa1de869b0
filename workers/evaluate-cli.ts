// `npm run evaluate -- --tenant <slug> [--at YYYY-MM-DD]`: evaluates one tenant's enabled plugins
// now (as the nightly job does) and prints the run as JSON; for bureaus and integrators at a shell.
import { parseArgs } from 'node:util';
import { systemClock, localDay } from '../core/clock/clock.ts';
import { bootCore } from '../core/boot/boot-core.ts';
import { loadConfigOrExit } from '../core/config/load-or-exit.ts';
import { createLogger } from '../core/log/logger.ts';
import { evaluateEnabled } from '../core/policy-engine/evaluate-enabled.ts';
import { isolatedRunner } from '../core/policy-engine/evaluation-runner.ts';
import { isIsoDate } from '../core/policy/dates.ts';
import { withTenant } from '../core/tenancy/with-tenant.ts';
import { policyPlugins } from '../plugins/index.ts';
import { tenantManifests } from '../tenants/index.ts';

const usage = 'usage: npm run evaluate -- --tenant <slug> [--at YYYY-MM-DD]';
function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function readArgs(): { tenant: string; at?: string } {
  try {
    const { tenant, at } = parseArgs({ options: { tenant: { type: 'string' }, at: { type: 'string' } } }).values;
    if (!tenant) fail('--tenant is required');
    return { tenant, at };
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
const args = readArgs();
if (args.at !== undefined && !isIsoDate(args.at)) fail(`--at "${args.at}" is not a YYYY-MM-DD date`);

const config = loadConfigOrExit();
const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
const core = await bootCore(config, log, tenantManifests);
const runner = isolatedRunner({ registryUrl: new URL('../plugins/index.ts', import.meta.url), budgetMs: config.PLUGIN_TIME_BUDGET_MS });
try {
  const tenant = await core.tenants.bySlug(args.tenant);
  if (!tenant || tenant.kind === 'platform') {
    const known = (await core.tenants.list()).map((t) => t.slug).join(', ');
    fail(`unknown tenant "${args.tenant}"; known: ${known}`);
  }
  const at = args.at ?? localDay(systemClock.now(), tenant.timezone);
  const run = await withTenant(core.database.db, tenant.id, (tx) => evaluateEnabled(tx, tenant, { registry: policyPlugins, runner }, at, 'cli'));
  process.stdout.write(`${JSON.stringify({ tenant: tenant.slug, ...run }, null, 2)}\n`);
} finally {
  await runner.close();
  await core.database.close();
}
