// What REDIS_URL names: one server, or a Redis Cluster as `redis+cluster://host:port,host:port`,
// and the BullMQ key prefix that keeps each queue's keys in one cluster slot.
import { Cluster, Redis } from 'ioredis';

/** One Redis server or a Redis Cluster: BullMQ and our callers take either. */
export type RedisConnection = Redis | Cluster;

/** BullMQ's workers block on Redis; their connections must never give up on a command. */
export const createRedis = (url: string) => new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });

export interface ClusterTarget {
  /** Seed nodes: any reachable one tells the client about the rest. */
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
}

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;

/**
 * `redis+cluster://[user:password@]host:port,host:port,…` (`rediss+cluster://` for TLS) names a
 * Redis Cluster by its seed nodes; anything else is not a cluster address (null). A URL cannot
 * carry several hosts, hence a scheme of our own rather than `new URL`.
 */
export function parseClusterUrl(url: string): ClusterTarget | null {
  const match = CLUSTER_URL.exec(url);
  if (!match) return null;
  const [, scheme, userinfo, hosts] = match;
  const nodes = hosts!.split(',').map((seed) => {
    const node = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(seed.trim());
    if (!node) throw new Error(`REDIS_URL: "${seed}" is not host:port`);
    return { host: node[1]!.replace(/^\[|\]$/g, ''), port: node[2] ? Number(node[2]) : 6379 };
  });
  const [user, password] = userinfo ? userinfo.split(/:(.*)/s).map(decodeURIComponent) : [];
  return { nodes, username: user || undefined, password: password || undefined, tls: scheme === 'rediss' };
}

/** REDIS_URL to a connection: a Cluster client for a cluster address, otherwise one server. */
export function connectRedis(url: string): RedisConnection {
  const cluster = parseClusterUrl(url);
  if (!cluster) return createRedis(url);
  return new Cluster(cluster.nodes, {
    // BullMQ's blocking commands must wait out a failover rather than give up.
    redisOptions: { maxRetriesPerRequest: null, username: cluster.username, password: cluster.password, tls: cluster.tls ? {} : undefined },
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
  });
}

/**
 * BullMQ's key prefix for a connection. On a cluster every key a queue's Lua scripts touch must
 * hash to one slot, so the prefix becomes a hash tag (`{chanjiao}`) unless it already has one;
 * on one server it stays as configured, so existing keys keep their names.
 */
export function queuePrefix(prefix: string, connection: RedisConnection): string {
  if (!connection.isCluster || /\{[^}]+\}/.test(prefix)) return prefix;
  return `{${prefix}}`;
}

