// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { migratePostgres, openDatabase } from './open-database.ts';

const config = loadConfigOrExit();
if (config.DATABASE_URL) {
  await migratePostgres(config.DATABASE_URL);
} else {
  await (await openDatabase(config)).close();
}
process.stdout.write(`migrations applied (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.DATA_DIR}`})\n`);
