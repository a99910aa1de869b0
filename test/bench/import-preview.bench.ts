// import_preview_10k_s: upload and preview of a 10,000-row XLSX of enterprises through the real
// app on PostgreSQL (parse, validate every cell, match natural keys, store the batch).
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { policyPlugins } from '../../plugins/index.ts';
import postgres from 'postgres';
import { systemClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { withCreditCodeCheck } from '../../core/identifiers/credit-code.ts';
import { createLogger } from '../../core/log/logger.ts';
import { readWorkbook } from '../../core/spreadsheets/read-workbook.ts';
import { writeWorkbook } from '../../core/spreadsheets/write-workbook.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { benchSignIn, seedApiRead } from './api-read-seed.ts';
import { median } from './interleave.ts';
import { createScratchDatabase } from './scratch-database.ts';

const ROWS = 10_000;
const ROUNDS = 3;

export async function importPreviewBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 4, DATA_DIR: '/tmp' });
  try {
    const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    const seed = await seedApiRead(owner, { tenants: 1, usersPerTenant: 10 });
    await owner.end();
    const app = createApp({
      config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1' }),
      db: handle.db,
      log: createLogger('silent'),
      clock: systemClock,
      t: translate,
      tenants: tenantDirectory(handle.db),
      policy: { registry: policyPlugins, runner: inThreadRunner },
      readiness: [],
    });
    const cookie = await benchSignIn((path, init) => Promise.resolve(app.request(path, init)), seed, 'http://127.0.0.1');

    const rows = Array.from({ length: ROWS }, (_, i) => [
      '企业',
      `基准企业${i}`,
      withCreditCodeCheck(`91370300MA${String(i).padStart(7, '0')}`),
      i % 2 ? '中型' : '小型',
    ]);
    const file = await writeWorkbook('orgs', ['类型', '名称', '统一社会信用代码', '企业规模'].map((header) => ({ header })), rows);
    log(`  ${ROWS} rows, ${(file.byteLength / 1024).toFixed(0)} KiB`);

    const parseOnly: number[] = [];
    const preview: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let started = performance.now();
      await readWorkbook(file, 'orgs.xlsx');
      parseOnly.push((performance.now() - started) / 1000);
      const form = new FormData();
      form.set('file', new File([file], 'orgs.xlsx'));
      started = performance.now();
      const res = await app.request(`/api/v1/t/${seed.slug}/imports/organizations/preview`, {
        method: 'POST',
        headers: { cookie, origin: 'http://127.0.0.1' },
        body: form,
      });
      const body = (await res.json()) as { creates: number; errors: unknown[] };
      preview.push((performance.now() - started) / 1000);
      if (res.status !== 200 || body.creates !== ROWS || body.errors.length > 0) throw new Error(`preview failed: ${res.status}`);
      log(`  round ${round}/${ROUNDS}: preview ${preview.at(-1)!.toFixed(2)} s (exceljs parse alone ${parseOnly.at(-1)!.toFixed(2)} s)`);
    }
    return { import_preview_10k_s: Math.round(median(preview) * 100) / 100 };
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
