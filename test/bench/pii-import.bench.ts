// pii_import_10k_s: import preview + commit of 10,000 students with 身份证号 through the real app
// on PostgreSQL: every number checked (GB 11643), matched by its keyed hash, sealed with
// AES-256-GCM, written with an audit row each (SHA-256 chained) in one transaction.
import postgres from 'postgres';
import { systemClock } from '../../core/clock/clock.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openPostgres } from '../../core/db/open-database.ts';
import { withIdNumberCheck } from '../../core/identifiers/id-number.ts';
import { createLogger } from '../../core/log/logger.ts';
import { inThreadRunner } from '../../core/policy-engine/evaluation-runner.ts';
import { writeWorkbook } from '../../core/spreadsheets/write-workbook.ts';
import { tenantDirectory } from '../../core/tenancy/tenant-directory.ts';
import { policyPlugins } from '../../plugins/index.ts';
import { createApp } from '../../web/app.ts';
import { translate } from '../../web/i18n/index.ts';
import { benchSignIn, seedApiRead } from './api-read-seed.ts';
import { createScratchDatabase } from './scratch-database.ts';

const ROWS = Number(process.env.PII_IMPORT_ROWS ?? 10_000);

export async function piiImportBench(log: (line: string) => void): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 4, DATA_DIR: '/tmp' });
  try {
    const owner = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    const seed = await seedApiRead(owner, { tenants: 1, usersPerTenant: 2 });
    await owner.end();
    const origin = 'http://127.0.0.1';
    const app = createApp({
      config: loadConfig({ PUBLIC_URL: origin }),
      db: handle.db,
      log: createLogger('silent'),
      clock: systemClock,
      t: translate,
      tenants: tenantDirectory(handle.db),
      policy: { registry: policyPlugins, runner: inThreadRunner },
      readiness: [],
    });
    const cookie = await benchSignIn((path, init) => Promise.resolve(app.request(path, init)), seed, origin);
    const api = (path: string, init: RequestInit) => app.request(`/api/v1/t/${seed.slug}${path}`, { ...init, headers: { cookie, origin, ...init.headers } });
    const school = await api('/organizations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'school', name: '基准职业学校' }) });
    if (school.status !== 201) throw new Error(`school: ${school.status} ${await school.text()}`);

    const rows = Array.from({ length: ROWS }, (_, i) => [
      '基准职业学校',
      `学生${i}`,
      i % 2 ? '男' : '女',
      withIdNumberCheck(`370303${2000 + (i % 8)}0${1 + (i % 9)}1${i % 7}${String(i).padStart(4, '0').slice(-3)}`),
      `13${String(800000000 + i)}`,
    ]);
    const file = await writeWorkbook('students', ['学校', '姓名', '性别', '身份证号', '联系电话'].map((header) => ({ header, text: true })), rows);
    log(`  ${ROWS} rows, ${(file.byteLength / 1024).toFixed(0)} KiB`);
    const form = new FormData();
    form.set('file', new File([file], 'students.xlsx'));
    const started = performance.now();
    const preview = await api('/imports/students/preview', { method: 'POST', body: form });
    const body = (await preview.json()) as { batchId: string; creates: number; errors: unknown[] };
    const previewed = performance.now();
    if (preview.status !== 200 || body.creates !== ROWS) throw new Error(`preview: ${preview.status} ${JSON.stringify(body).slice(0, 300)}`);
    const confirm = await api(`/imports/batches/${body.batchId}/confirm`, { method: 'POST' });
    const done = performance.now();
    if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${(await confirm.text()).slice(0, 300)}`);
    const seconds = (done - started) / 1000;
    log(`  preview ${((previewed - started) / 1000).toFixed(2)} s, commit ${((done - previewed) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s (target ≤ 8)`);
    return { pii_import_10k_s: Math.round(seconds * 100) / 100 };
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
