// Drives HTTP load from a separate process (load-child.ts) on loopback, as BENCHMARKS.md
// prescribes, and refuses a round that saw errors or non-2xx answers: those would flatter the figure.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
}

export interface LoadSummary {
  requestsPerSec: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));
// Resolved here, not by the child, so the run works from any working directory.
const TSX = import.meta.resolve('tsx');

export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const child = spawn(process.execPath, ['--import', TSX, CHILD, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // An interrupted run exits from a signal handler; the child must not keep loading a dead port.
  const killChild = () => child.kill();
  process.once('exit', killChild);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => process.off('exit', killChild));
  if (code !== 0) throw new Error(`load generator exited with ${code}: ${stderr.trim()}`);
  const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadSummary;
  const failed = summary.non2xx + summary.errors + summary.timeouts;
  if (failed > 0 || summary.total === 0) {
    throw new Error(
      `${options.url}: ${summary.total} requests, ${summary.non2xx} non-2xx, ${summary.errors} errors, ${summary.timeouts} timeouts`,
    );
  }
  return summary;
}
