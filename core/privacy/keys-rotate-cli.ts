// `npm run keys:rotate`: after putting a new key first in PII_KEYS (old keys after it), re-seals
// every value sealed with the PII keyring (身份证号, TOTP secrets) with the new key; the old key
// can be removed once this reports zero left under other keys.
import { loadConfigOrExit } from '../config/load-or-exit.ts';
import { openDatabase } from '../db/open-database.ts';
import { rotatePiiKeys } from './rotate-keys.ts';

const config = loadConfigOrExit();
const database = await openDatabase(config);
try {
  const report = await rotatePiiKeys(database.db, config.pii);
  process.stdout.write(
    `re-sealed ${report.idNumbers} ID number(s) and ${report.totpSecrets} TOTP secret(s) with key "${report.keyId}"; ` +
      `${report.remaining} value(s) left under other keys: ${JSON.stringify(report.byTenant)}\n`,
  );
  if (report.remaining > 0) process.exitCode = 1;
} finally {
  await database.close();
}
