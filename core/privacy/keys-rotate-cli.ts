// `npm run keys:rotate`: after putting a new key first in PII_KEYS (old keys after it), re-seals
// every stored 身份证号 with the new key; the old key can be removed once this reports zero left.
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { openDatabase } from '../db/open-database.ts';
import { resealAllTenants } from '../students/reseal-id-numbers.ts';

const config = loadConfigOrExit();
const database = await openDatabase(config);
try {
  const counts = await resealAllTenants(database.db, config.pii);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`re-sealed ${total} ID number(s) with key "${config.pii.currentKeyId}": ${JSON.stringify(counts)}\n`);
} finally {
  await database.close();
}
