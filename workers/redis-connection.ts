// The process's Redis: REDIS_URL if set (one server, or a Redis Cluster given as
// `redis+cluster://host:port,host:port`); for `npm start` without it, a redis-server found on
// PATH, started on a free loopback port with its data in DATA_DIR; otherwise none, said plainly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { connectRedis, createRedis, type RedisConnection } from '../core/redis/redis-address.ts';

// Re-exported: the address rules live in core so core's own CLIs (tenant deletion) speak them too.
export { connectRedis, createRedis, parseClusterUrl, queuePrefix, type ClusterTarget, type RedisConnection } from '../core/redis/redis-address.ts';
import type { Config } from '../core/config/config.ts';
import type { Logger } from '../core/log/logger.ts';

export interface RedisHandle {
  connection: RedisConnection | null;
  source: 'url' | 'spawned' | 'none';
  /** Why there is no connection, and how to get one. */
  problem?: string;
  close(): Promise<void>;
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
