// On a 3-master Redis Cluster, BullMQ queues work when their prefix is hash-tagged (`{…}`): every
// key of a queue then lands in one slot, so its multi-key scripts are legal on the cluster.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from './redis-cluster.ts';

let cluster: RedisCluster;
const connect = () => new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: null } });

describe('a 3-master Redis Cluster', () => {
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('spreads slots over three masters', async () => {
    const client = connect();
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      const masters = client.nodes('master');
      expect(masters.length).toBe(3);
    } finally {
      client.disconnect();
    }
  });

  it('runs a BullMQ queue with a hash-tagged prefix: every job processed exactly once, all its keys in one slot', async () => {
    const prefix = `{cj-${randomBytes(4).toString('hex')}}`;
    const connection = connect();
    const queue = new Queue('remind', { connection, prefix });
    const seen = new Map<string, number>();
    const worker = new Worker(
      'remind',
      async (job) => {
        seen.set(job.id!, (seen.get(job.id!) ?? 0) + 1);
      },
      { connection: connect(), prefix, concurrency: 20 },
    );
    try {
      const jobs = Array.from({ length: 500 }, (_, i) => ({ name: 'r', data: { i }, opts: { jobId: `r-${i}` } }));
      await queue.addBulk(jobs);
      // Adding the same ids again must not create new jobs (deterministic ids).
      await queue.addBulk(jobs.slice(0, 100));
      for (let i = 0; i < 300 && seen.size < 500; i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.size).toBe(500);
      expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);

      const slots = new Set<number>();
      for (const node of connection.nodes('master')) {
        const keys = await node.keys(`${prefix}:*`);
        for (const key of keys) slots.add(Number(await node.call('cluster', 'keyslot', key)));
      }
      expect(slots.size).toBe(1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);
});
