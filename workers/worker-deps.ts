// What the workers are built from; the composition roots (npm start, start:worker, tests) fill it.
import type { Clock } from '../core/clock/clock.ts';
import type { Db } from '../core/db/database.ts';
import type { EmailChannel } from '../core/delivery/email.ts';
import type { Logger } from '../core/log/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { PolicyDeps } from '../core/policy-engine/policy-deps.ts';
import type { TenantDirectory } from '../core/tenancy/tenant-directory.ts';
import type { RedisConnection } from './redis-connection.ts';

export interface DeliveryTuning {
  /** Claims of a reminder before it is marked failed. */
  maxAttempts: number;
  /** How long a claim holds a row (longer than the slowest send). */
  leaseMs: number;
  /** Base of the exponential backoff between delivery attempts. */
  backoffMs: number;
  webhookTimeoutMs: number;
  /** Reminders gathered into one claiming transaction. */
  maxBatch: number;
}

export const defaultDeliveryTuning: DeliveryTuning = { maxAttempts: 5, leaseMs: 120_000, backoffMs: 5_000, webhookTimeoutMs: 10_000, maxBatch: 200 };

export interface WorkerDeps {
  /** One server or a cluster (then startWorkers hash-tags the prefix). */
  connection: RedisConnection;
  prefix: string;
  db: Db;
  tenants: TenantDirectory;
  clock: Clock;
  log: Logger;
  /** Installed plugins and their runner: evaluate and remind need them. */
  policy: PolicyDeps;
  /** The app's address, for links in messages. */
  publicUrl: string;
  email: EmailChannel | null;
  metrics?: Metrics;
  /** Jobs at once per worker for evaluate, remind and housekeeping. */
  concurrency?: number;
  /** Deliver jobs at once: cheap, mostly waiting on Postgres and the network. */
  deliveryConcurrency?: number;
  delivery?: Partial<DeliveryTuning>;
  /** BullMQ lock of an active job; a worker that dies holds its jobs this long. Tests shorten it. */
  lockDurationMs?: number;
  /** Upsert per-tenant schedules and reconcile the outbox on start (default true). */
  reconcileOnStart?: boolean;
}
