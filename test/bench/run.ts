// `npm run bench [name …]`: runs every benchmark (or the named ones), prints progress lines,
// and ends with one JSON line of every figure (BENCHMARKS.md). A failed benchmark's figures are absent.
import { apiReadBench } from './api-read.bench.ts';
import { dashboardBench } from './dashboard.bench.ts';
import { importPreviewBench } from './import-preview.bench.ts';
import { piiImportBench } from './pii-import.bench.ts';
import { pooledReadBench } from './pooled-read.bench.ts';
import { login2faBench } from './login-2fa.bench.ts';
import { rollupBench } from './rollup.bench.ts';
import { pluginEvalBench } from './plugin-eval.bench.ts';
import { remindersBench } from './reminders.bench.ts';
import { fleetRemindersBench } from './fleet-reminders.bench.ts';

interface Benchmark {
  name: string;
  /** Returns figures by their BENCHMARKS.md key; must close everything it opened. */
  run(log: (line: string) => void): Promise<Record<string, number>>;
}

const benchmarks: Benchmark[] = [
  { name: 'api-read', run: apiReadBench },
  { name: 'import-preview', run: importPreviewBench },
  { name: 'pii-import', run: piiImportBench },
  { name: 'pooled-read', run: pooledReadBench },
  { name: 'login-2fa', run: login2faBench },
  { name: 'rollup', run: rollupBench },
  { name: 'dashboard', run: dashboardBench },
  { name: 'plugin-eval', run: pluginEvalBench },
  { name: 'reminders', run: remindersBench },
  { name: 'fleet-reminders', run: fleetRemindersBench },
];

const log = (line: string) => process.stdout.write(`${line}\n`);
const only = process.argv.slice(2);
const unknown = only.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}`);

const figures: Record<string, number> = {};
let failures = 0;
for (const bench of benchmarks.filter((b) => only.length === 0 || only.includes(b.name))) {
  log(`${bench.name}:`);
  const started = performance.now();
  try {
    Object.assign(figures, await bench.run(log));
    log(`${bench.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures++;
    process.stderr.write(`${bench.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

// The last line of stdout is the machine-readable result; nothing may be printed after it.
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exitCode = failures > 0 ? 1 : 0;
// Benchmarks close what they open; should a handle leak anyway, the run must still end.
setTimeout(() => {
  process.stderr.write('bench: handles still open 10 s after the end; exiting\n');
  process.exit();
}, 10_000).unref();
