// `npm run backup -- [file]`: dumps DATABASE_URL with pg_dump (custom format), or the embedded
// database in DATA_DIR with PGlite's data-dir dump, then prints the rows per table it holds.
import { join } from 'node:path';
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { backupPglite } from './pglite-backup.ts';
import { backupPostgres } from './postgres-backup.ts';
import { formatCounts, postgresRowCounts } from './row-counts.ts';

const config = loadConfigOrExit();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const url = config.DATABASE_URL;
const file = process.argv[2] ?? (url ? `chanjiao-${stamp}.pgdump` : `chanjiao-${stamp}.pglite.tar.gz`);
try {
  if (url) {
    await backupPostgres(url, file);
    process.stdout.write(`PostgreSQL backed up to ${file}; rows at the time:\n${formatCounts(await postgresRowCounts(url))}\n`);
  } else {
    const dataDir = join(config.DATA_DIR, 'pglite');
    const counts = await backupPglite(dataDir, file);
    process.stdout.write(`embedded database ${dataDir} backed up to ${file}; rows:\n${formatCounts(counts)}\n`);
  }
} catch (error) {
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
