// What every request carries through the Hono app, and what the app is built from.
import type { Config } from '../config/config.ts';
import type { Clock } from '../clock/clock.ts';
import type { Db, Tx } from '../db/database.ts';
import type { Lang, Translator } from '../i18n/lang.ts';
import type { Logger } from '../log/logger.ts';
import type { JobControl } from '../observability/job-control.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { PolicyDeps } from '../policy-engine/policy-deps.ts';
import type { ValidSession } from '../sessions/session-service.ts';
import type { Tenant } from '../tenancy/schema.ts';
import type { TenantDirectory } from '../tenancy/tenant-directory.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  t: Translator;
  tenants: TenantDirectory;
  /** The installed policy plugins and the runner that times them. */
  policy: PolicyDeps;
  /** What /readyz asks: the database, Redis … */
  readiness: ReadinessCheck[];
  /** The job queues (absent without Redis): evaluations after writes, delivery retries, operator stats. */
  jobs?: JobControl;
  /** Prometheus metrics of this process: HTTP latency here, jobs and deliveries in the workers. */
  metrics?: Metrics;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    lang: Lang;
    log: Logger;
    /** Set under /t/:tenant and /api/v1/t/:tenant. */
    tenant: Tenant;
    /** The request's tenant transaction (RLS on), open for the whole handler. */
    tx: Tx;
    /** The signed-in user's session, or null. */
    auth: ValidSession | null;
  };
}
