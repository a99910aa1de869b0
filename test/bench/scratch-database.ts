// A throw-away database on the benchmark server, migrated like production, dropped afterwards
// even when the run fails or is interrupted, so benchmarks never leave databases behind.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migratePostgres } from '../../core/db/open-database.ts';

export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  name: string;
  /** The owner's connection string for the scratch database. */
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix = 'cj_bench'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => undefined });
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;

  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      try {
        // `with (force)`: a pool left open by a failed run must not keep the database alive.
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    })());
  // Ctrl-C skips every `finally`; without this the database would outlive the run.
  function onSignal(signal: NodeJS.Signals) {
    process.stderr.write(`\n${signal}: dropping ${name}\n`);
    drop().then(
      () => process.exit(130),
      () => process.exit(130),
    );
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await admin.unsafe(`create database ${name}`);
    await migratePostgres(url.toString());
  } catch (error) {
    // The first failure is the one worth reporting, not a drop that fails for the same reason.
    await drop().catch(() => undefined);
    throw error;
  }
  return { name, url: url.toString(), drop };
}
