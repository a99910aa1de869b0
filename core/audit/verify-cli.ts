// `npm run audit:verify [-- --tenant <slug>]`: checks the audit chain of every tenant (or one)
// and names the first broken row; exits 1 when any chain is broken.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { openDatabase } from '../db/open-database.ts';
import { verifyAuditChain } from './verify-chain.ts';

const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
const config = loadConfigOrExit();
const database = await openDatabase(config);
let broken = 0;
try {
  let q = database.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug');
  if (values.tenant) q = q.where('slug', '=', values.tenant);
  const tenants = await q.execute();
  if (values.tenant && tenants.length === 0) throw new Error(`no tenant "${values.tenant}"`);
  for (const tenant of tenants) {
    const report = await verifyAuditChain(database.db, tenant.id);
    const b = report.firstBreak;
    if (b) broken++;
    process.stdout.write(
      b
        ? `${tenant.slug}: BROKEN at audit_log id ${b.id} (chain position ${b.chainSeq}): ${b.reason === 'hash' ? 'row content does not match its hash' : b.reason === 'prev_hash' ? 'does not link to the row before' : 'a row before it is missing'}; ${report.rows} row(s) before it verified\n`
        : `${tenant.slug}: ok, ${report.rows} row(s)\n`,
    );
  }
} finally {
  await database.close();
}
process.exitCode = broken > 0 ? 1 : 0;
