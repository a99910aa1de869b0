// Backup and restore of the embedded database with PGlite's own data-dir dump (a gzipped tar
// of its data directory). The app must be stopped: PGlite allows one process per directory.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(dataDir)) throw new Error(`no embedded database in ${dataDir}`);
  const pg = await PGlite.create(dataDir);
  try {
    const dump = await pg.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.close();
  }
}

/** Restores `file` into `dataDir`, which must not hold a database yet. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty; move it away first, restore never overwrites a database`);
  }
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  await pg.close();
}
