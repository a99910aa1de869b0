// A process that rolls up one tenant's day when told to on stdin: two of these stand for two
// worker processes starting the same rollup at once (test/fleet/rollup-processes.test.ts).
import { createInterface } from 'node:readline';
import { openPostgres } from '../../core/db/open-database.ts';
import { rollupTenant } from '../../core/targets/rollup-tenant.ts';

const [url, tenantId, day] = process.argv.slice(2) as [string, string, string];
const database = openPostgres({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2, DATA_DIR: '/tmp' });
await database.ping();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  const result = await rollupTenant(database.db, tenantId, day, []);
  process.stdout.write(`done ${result.metricRows}\n`);
  break;
}
await database.close();
// stdin may still be open: leave explicitly once the rollup is done.
process.exit(0);
