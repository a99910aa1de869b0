// Removes a tenant's jobs from every BullMQ queue under a prefix: each queue found by its meta
// key, each waiting, delayed, prioritized, paused or failed job whose data names the tenant.
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import type { RedisConnection } from '../redis/redis-address.ts';

const STATES = ['waiting', 'delayed', 'prioritized', 'paused', 'failed', 'completed', 'waiting-children'] as const;

/** `prefix` as the queues use it (queuePrefix: hash-tagged on a cluster). */
export async function removeTenantJobs(redis: RedisConnection, prefix: string, tenantId: string): Promise<number> {
  const names = new Set<string>();
  // SCAN walks one server: on a cluster, every master holds part of the keys.
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) names.add(key.slice(prefix.length + 1, -':meta'.length));
    } while (cursor !== '0');
  }
  let removed = 0;
  for (const name of names) {
    const queue = new Queue(name, { connection: redis, prefix });
    try {
      for (const job of await queue.getJobs([...STATES])) {
        const data = job?.data as { tenantId?: unknown } | undefined;
        if (job && data?.tenantId === tenantId) {
          await job.remove().catch(() => undefined);
          removed++;
        }
      }
    } finally {
      await queue.close();
    }
  }
  return removed;
}
