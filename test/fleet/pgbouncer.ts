// Starts a PgBouncer in transaction pooling mode on a free loopback port, configured in a temp
// dir, in front of the databases it is given; tests and benchmarks stop it themselves.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.ts';

export interface PooledDatabase {
  /** Postgres URL the pooler logs in with (user, password, host, port, database). */
  serverUrl: string;
  /** Server connections per database and user; the test runs with 2. */
  poolSize: number;
}

export interface PgBouncer {
  port: number;
  /** Client URL of a database alias; any user name is accepted (the pooler logs in as the alias's user). */
  url(alias: string): string;
  stop(): Promise<void>;
}

const BINARY = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p)) ?? 'pgbouncer';

function databaseLine(alias: string, db: PooledDatabase): string {
  const u = new URL(db.serverUrl);
  const parts = [
    `host=${u.hostname}`,
    `port=${u.port || '5432'}`,
    `dbname=${decodeURIComponent(u.pathname.slice(1))}`,
    `user=${decodeURIComponent(u.username)}`,
    u.password ? `password=${decodeURIComponent(u.password)}` : '',
    `pool_size=${db.poolSize}`,
  ];
  return `${alias} = ${parts.filter(Boolean).join(' ')}`;
}

export async function startPgBouncer(databases: Record<string, PooledDatabase>, options: { maxClientConn?: number } = {}): Promise<PgBouncer> {
  const dir = await mkdtemp(join(tmpdir(), 'cj-pgbouncer-'));
  // PgBouncer refuses to run as root; it drops to `nobody`, which must read the config.
  await chmod(dir, 0o755);
  const port = await freePort();
  const ini = join(dir, 'pgbouncer.ini');
  await writeFile(
    ini,
    [
      '[databases]',
      ...Object.entries(databases).map(([alias, db]) => databaseLine(alias, db)),
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      // Every alias names the server user; clients are loopback tests, so no client password.
      'auth_type = any',
      'pool_mode = transaction',
      `max_client_conn = ${options.maxClientConn ?? 1000}`,
      // A client waits for a server connection rather than failing: the point of pool_size 2.
      'query_wait_timeout = 60',
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = process.getuid?.() === 0 ? ['-u', 'nobody', ini] : [ini];
  const child: ChildProcess = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`cannot run ${BINARY} (apt-get install pgbouncer): ${e.message}`))),
  );
  try {
    await Promise.race([waitForPort(port, 10_000), spawnError, exited.then(() => Promise.reject(new Error(`pgbouncer exited:\n${output}`)))]);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: (alias) => `postgres://app@127.0.0.1:${port}/${alias}`,
    async stop() {
      // SIGTERM: immediate shutdown; clients still connected get their connection closed.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
