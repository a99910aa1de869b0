// Backup and restore of the embedded database with PGlite's own data-dir dump (a gzipped tar
// of its data directory). The app must be stopped: PGlite allows one process per directory.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { rowCounts } from './row-counts.ts';

const countsOf = (pg: PGlite) => rowCounts(async (text) => (await pg.query<Record<string, unknown>>(text)).rows);

/** Returns the rows per table the backup holds (counted on the same open database). */
export async function backupPglite(dataDir: string, file: string): Promise<Record<string, number>> {
  if (!existsSync(dataDir)) throw new Error(`no embedded database in ${dataDir}`);
  const pg = await PGlite.create(dataDir);
  try {
    const dump = await pg.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    return await countsOf(pg);
  } finally {
    await pg.close();
  }
}

/** Restores `file` into `dataDir`, which must not hold a database yet; returns the rows per table. */
export async function restorePglite(file: string, dataDir: string): Promise<Record<string, number>> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty; move it away first, restore never overwrites a database`);
  }
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  try {
    return await countsOf(pg);
  } finally {
    await pg.close();
  }
}
