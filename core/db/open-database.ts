// Opens the database the configuration names: PostgreSQL through postgres.js when
// DATABASE_URL is set, otherwise PGlite persisted in DATA_DIR/pglite. Either way the
// returned handle queries as chanjiao_app (RLS applies); migrations run as the owner.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import postgres from 'postgres';
import { migrations } from '../../migrations/index.ts';
import type { Database, Db } from './database.ts';
import { pgliteMigrationDialect } from './pglite-migration-dialect.ts';
import { PostgresJsDialect } from './postgres-js-dialect.ts';

export const APP_ROLE = 'chanjiao_app';

export interface DatabaseOptions {
  DATABASE_URL?: string | undefined;
  DATABASE_APP_URL?: string | undefined;
  DATABASE_POOL_SIZE: number;
  /** false behind PgBouncer < 1.21 in transaction mode (see postgres-js-dialect.ts); default true. */
  DATABASE_PREPARE?: boolean | undefined;
  DATA_DIR: string;
}

export interface DatabaseHandle {
  readonly kind: 'postgres' | 'pglite';
  /** Queries as chanjiao_app: tenant rows only inside withTenant. */
  readonly db: Db;
  /** Round trip to the server, for /readyz. */
  ping(): Promise<void>;
  /** Connections the pool may open, and the work holding or waiting for one (PostgreSQL only). */
  pool?(): { size: number; active: number };
  close(): Promise<void>;
}

// int8 and numeric as strings on both engines, so counts and ids never lose precision; dates as
// 'YYYY-MM-DD' strings, since a calendar date has no time zone to shift it by.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

async function runMigrations(owner: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db: owner, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
}

/** Applies every pending migration to the configured Postgres as its owner. */
export async function migratePostgres(url: string): Promise<void> {
  const owner = new Kysely<unknown>({
    dialect: new PostgresJsDialect(postgres(url, { max: 1, onnotice: () => undefined }), { multiStatement: true }),
  });
  try {
    await runMigrations(owner);
  } finally {
    await owner.destroy();
  }
}

function pgliteHandle(client: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

const PGLITE_PARSERS = { [INT8]: (v: string) => v, [NUMERIC]: (v: string) => v, [DATE]: (v: string) => v };

/**
 * An embedded database: `dataDir` persists it, `memory://` keeps it in memory (tests).
 * `template` (a dump from dumpMigratedPglite) starts from an already migrated copy, so a test
 * file need not replay every migration.
 */
export async function openPglite(dataDir: string, template?: Blob): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { parsers: PGLITE_PARSERS, ...(template ? { loadDataDir: template } : {}) });
  // PGlite has one connection and starts as superuser: migrate first, then drop privileges.
  const exec = async (text: string) => ({ rows: (await client.exec(text)).at(-1)?.rows ?? [] });
  await runMigrations(new Kysely<unknown>({ dialect: pgliteMigrationDialect(new PGliteDialect(client), exec) }));
  await client.exec(`set role ${APP_ROLE}`);
  return pgliteHandle(client);
}

/** A freshly migrated in-memory database as a data-dir tarball, before dropping to the app role. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create('memory://', { parsers: PGLITE_PARSERS });
  try {
    const exec = async (text: string) => ({ rows: (await client.exec(text)).at(-1)?.rows ?? [] });
    await runMigrations(new Kysely<unknown>({ dialect: pgliteMigrationDialect(new PGliteDialect(client), exec) }));
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

export function openPostgres(options: DatabaseOptions & { DATABASE_URL: string }): DatabaseHandle {
  // Either a login role of its own (DATABASE_APP_URL), or the owner's URL narrowed to the app
  // role at connection start-up: both leave RLS in force for every query the app runs.
  const url = options.DATABASE_APP_URL ?? options.DATABASE_URL;
  const prepare = options.DATABASE_PREPARE ?? true;
  const client = postgres(url, {
    max: options.DATABASE_POOL_SIZE,
    prepare,
    onnotice: () => undefined,
    connection: options.DATABASE_APP_URL ? {} : { role: APP_ROLE },
    types: {
      int8: { to: INT8, from: [INT8], serialize: String, parse: (v: string) => v },
      numeric: { to: NUMERIC, from: [NUMERIC], serialize: String, parse: (v: string) => v },
      // Named apart from postgres.js's own `date`, which must keep parsing timestamps to Date.
      calendarDate: { to: DATE, from: [DATE], serialize: String, parse: (v: string) => v },
      // JSON text passes through as it is (as on PGlite); only values are stringified. Without
      // this a JSON.stringify'd value would be encoded twice and stored as a JSON string.
      json: { to: 114, from: [114, 3802], serialize: (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)), parse: (v: string) => JSON.parse(v) as unknown },
    },
  });
  const usage = { active: 0 };
  const db = new Kysely<Database>({ dialect: new PostgresJsDialect(client, { prepare, usage }) });
  return {
    kind: 'postgres',
    db,
    pool: () => ({ size: options.DATABASE_POOL_SIZE, active: usage.active }),
    ping: async () => {
      await client`select 1`;
    },
    close: () => db.destroy(),
  };
}

/** Migrates, then opens the app's handle, on whichever engine the configuration names. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.DATABASE_URL === undefined) return openPglite(join(options.DATA_DIR, 'pglite'));
  await migratePostgres(options.DATABASE_URL);
  return openPostgres({ ...options, DATABASE_URL: options.DATABASE_URL });
}
