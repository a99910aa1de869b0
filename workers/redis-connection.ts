// The process's Redis: REDIS_URL if set (one server, or a Redis Cluster given as
// `redis+cluster://host:port,host:port`); for `npm start` without it, a redis-server found on
// PATH, started on a free loopback port with its data in DATA_DIR; otherwise none, said plainly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import type { Config } from '../core/config/config.ts';
import type { Logger } from '../core/log/logger.ts';

/** One Redis server or a Redis Cluster: BullMQ and our callers take either. */
export type RedisConnection = Redis | Cluster;

export interface RedisHandle {
  connection: RedisConnection | null;
  source: 'url' | 'spawned' | 'none';
  /** Why there is no connection, and how to get one. */
  problem?: string;
  close(): Promise<void>;
}

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

export const NO_REDIS_MESSAGE =
  'Background jobs are paused: REDIS_URL is not set and no redis-server was found on PATH. ' +
  'Install Redis (Debian: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379, then restart. ' +
  'The web app works meanwhile; reminders wait in the database.';

export function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A Redis left running by a process that was killed outright would hold the data folder. */
async function stopStaleRedis(pidFile: string, log: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  // A zombie keeps its /proc entry but no command line: it is gone for our purpose.
  const running = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
    } catch {
      return false;
    }
  };
  try {
    if (!running()) return;
    process.kill(pid, 'SIGTERM');
    log.warn({ pid }, 'stopping a redis-server left running by an earlier start');
    // Two servers must not write the same append-only file: wait for the old one to go.
    for (let i = 0; i < 50 && running(); i++) await new Promise((r) => setTimeout(r, 100));
    // Redis refuses to stop when its final save fails (e.g. its folder is gone).
    if (running()) process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already, or no /proc (not Linux): nothing to stop.
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPing(redis: Redis, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await redis.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function openRedis(config: Config, log: Logger, options: { spawnIfMissing: boolean }): Promise<RedisHandle> {
  if (config.REDIS_URL) {
    const connection = connectRedis(config.REDIS_URL);
    connection.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
    return { connection, source: 'url', close: async () => void (await connection.quit().catch(() => connection.disconnect())) };
  }
  const binary = options.spawnIfMissing ? findOnPath('redis-server') : undefined;
  if (!binary) return { connection: null, source: 'none', problem: NO_REDIS_MESSAGE, close: async () => {} };

  const dir = resolve(config.DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopStaleRedis(pidFile, log);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '60 1', '--protected-mode', 'yes', '--pidfile', pidFile],
    { stdio: 'ignore' },
  );
  // However this process ends (short of SIGKILL), its Redis goes with it.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  const connection = createRedis(`redis://127.0.0.1:${port}`);
  connection.on('error', () => undefined);
  try {
    await waitForPing(connection, 10_000);
  } catch (error) {
    connection.disconnect();
    child.kill('SIGTERM');
    return { connection: null, source: 'none', problem: `${binary} did not start (${String(error)}). ${NO_REDIS_MESSAGE}`, close: async () => {} };
  }
  log.info({ port, dir }, 'started redis-server for background jobs');
  return {
    connection,
    source: 'spawned',
    close: async () => {
      await connection.quit().catch(() => connection.disconnect());
      process.off('exit', killChild);
      child.kill('SIGTERM');
    },
  };
}
