// `npm run restore -- <file>`: restores a backup into DATABASE_URL (an empty database) or into
// DATA_DIR/pglite (which must not exist), then prints the rows per table, to compare with the
// backup's output. The file's first bytes tell which kind of backup it is.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { restorePglite } from './pglite-backup.ts';
import { restorePostgres } from './postgres-backup.ts';
import { formatCounts, postgresRowCounts } from './row-counts.ts';

async function kindOf(file: string): Promise<'pgdump' | 'pglite'> {
  const handle = await open(file, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    if (buffer.toString('latin1') === 'PGDMP') return 'pgdump';
    if (buffer[0] === 0x1f && buffer[1] === 0x8b) return 'pglite';
    throw new Error(`${file} is neither a pg_dump custom-format file nor a PGlite data-dir dump`);
  } finally {
    await handle.close();
  }
}

const config = loadConfigOrExit();
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run restore -- <backup file>\n');
  process.exit(2);
}
try {
  const kind = await kindOf(file);
  const url = config.DATABASE_URL;
  if (url) {
    if (kind !== 'pgdump') throw new Error('DATABASE_URL is set, but this is a backup of the embedded database');
    await restorePostgres(url, file);
    process.stdout.write(`restored ${file} into PostgreSQL; rows:\n${formatCounts(await postgresRowCounts(url))}\n`);
  } else {
    if (kind !== 'pglite') throw new Error('this is a PostgreSQL backup: set DATABASE_URL to an empty database to restore it');
    const dataDir = join(config.DATA_DIR, 'pglite');
    const counts = await restorePglite(file, dataDir);
    process.stdout.write(`restored ${file} into ${dataDir}; rows:\n${formatCounts(counts)}\n`);
  }
} catch (error) {
  process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
