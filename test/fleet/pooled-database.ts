// The app's database handle through a PgBouncer (transaction mode, 2 server connections) in
// front of a migrated test database, logging in as a login role of chanjiao_app, as in production.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPostgres, type DatabaseHandle } from '../../core/db/open-database.ts';
import { startPgBouncer, type PgBouncer } from './pgbouncer.ts';

export interface PooledHandle {
  handle: DatabaseHandle;
  pgbouncer: PgBouncer;
  /** The login role the pooler uses (a member of chanjiao_app), e.g. to count its server connections. */
  role: string;
  /** The app's URL (through the pooler), for child processes' DATABASE_APP_URL. */
  appUrl: string;
  close(): Promise<void>;
}

/**
 * A role that can log in through the pooler. Through a pooler the app cannot narrow the owner to
 * chanjiao_app with a start-up parameter (PgBouncer refuses unknown ones, and ignoring it would
 * leave the owner, whom RLS does not bind), so it logs in as a member of chanjiao_app.
 */
export async function createAppLoginRole(ownerUrl: string): Promise<{ name: string; password: string; drop(): Promise<void> }> {
  const name = `cj_pool_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    await owner.unsafe(`create role ${name} login password '${password}' in role chanjiao_app`);
  } finally {
    await owner.end();
  }
  return {
    name,
    password,
    async drop() {
      const admin = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
      try {
        await admin.unsafe(`drop role if exists ${name}`);
      } finally {
        await admin.end();
      }
    },
  };
}

export async function openThroughPgBouncer(ownerUrl: string, options: { poolSize?: number; clientPoolSize?: number } = {}): Promise<PooledHandle> {
  const role = await createAppLoginRole(ownerUrl);
  const server = new URL(ownerUrl);
  server.username = role.name;
  server.password = role.password;
  let pgbouncer: PgBouncer;
  try {
    pgbouncer = await startPgBouncer({ app: { serverUrl: server.toString(), poolSize: options.poolSize ?? 2 } });
  } catch (error) {
    await role.drop();
    throw error;
  }
  const appUrl = pgbouncer.url('app');
  const handle = openPostgres({
    DATABASE_URL: ownerUrl,
    DATABASE_APP_URL: appUrl,
    DATABASE_POOL_SIZE: options.clientPoolSize ?? 10,
    DATABASE_PREPARE: false,
    DATA_DIR: '/tmp',
  });
  return {
    handle,
    pgbouncer,
    role: role.name,
    appUrl,
    async close() {
      await handle.close();
      await pgbouncer.stop();
      await role.drop();
    },
  };
}
