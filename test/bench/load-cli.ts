// `npm run load [-- --url http://127.0.0.1:3000] [--duration 20] [--origin URL]`: drives the
// realistic mix of load-mix.ts at a running instance with the demo data, or at one it starts
// itself (npm start on a fresh embedded database with DEMO=1), for a bounded time, then prints
// req/s, p50/p95/p99 and errors per scenario and stops. Only loopback addresses are accepted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tenantManifests } from '../../tenants/index.ts';
import { freePort } from '../fleet/ports.ts';
import { demoLoadAccounts } from './load-sessions.ts';
import { formatResults, runMix } from './load-mix.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USAGE = 'usage: npm run load -- [--url http://127.0.0.1:PORT] [--duration SECONDS] [--origin PUBLIC_URL] [--tenants N]';

/** Load goes to this machine only: the tool must never be pointed at someone else's server. */
function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

async function startInstance(): Promise<{ origin: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cj-load-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // A fresh embedded database with the demo region unless the caller's environment names a PostgreSQL.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'web/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: origin, DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the instance did not start in 5 minutes:\n${output}`)), 300_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Chanjiao is running at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the instance exited during start:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, duration: { type: 'string', default: '20' }, origin: { type: 'string' }, tenants: { type: 'string', default: String(tenantManifests.length) } },
  });
  const durationS = Number(values.duration);
  const tenantCount = Number(values.tenants);
  if (!Number.isFinite(durationS) || durationS < 1 || durationS > 3600 || !Number.isInteger(tenantCount) || tenantCount < 1) {
    process.stderr.write(`${USAGE}\n--duration is 1–3600 seconds; --tenants at least 1\n`);
    return 2;
  }
  let target: URL | undefined;
  if (values.url) {
    try {
      target = new URL(values.url);
    } catch {
      process.stderr.write(`--url ${values.url} is not a URL\n${USAGE}\n`);
      return 2;
    }
    if (!isLoopback(target) || !/^https?:$/.test(target.protocol)) {
      process.stderr.write(`refusing to load ${target.origin}: npm run load sends traffic to loopback only (127.0.0.0/8, ::1, localhost)\n`);
      return 2;
    }
  }
  const slugs = tenantManifests.map((m) => m.slug).slice(0, tenantCount);
  const instance = target ? { origin: target.origin, stop: async () => {} } : await startInstance();
  const stopOnSignal = () => void instance.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    process.stdout.write(`load: ${durationS} s against ${instance.origin}${target ? '' : ` (started here: ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded database'}, demo data)`}, tenants ${slugs.join(', ')}\n`);
    const started = performance.now();
    const results = await runMix({ origin: instance.origin, publicOrigin: values.origin ?? instance.origin, tenants: slugs, accounts: demoLoadAccounts(slugs), durationS });
    process.stdout.write(`${formatResults(results, durationS)}\n`);
    process.stdout.write(`load: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    // The last line is machine-readable, like npm run bench's.
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return results.some((r) => r.errors > 0) ? 1 : 0;
  } finally {
    await instance.stop();
  }
}

process.exitCode = await main();
// autocannon's agents or a stray socket must not keep the tool alive after its report.
setTimeout(() => process.exit(), 5_000).unref();
