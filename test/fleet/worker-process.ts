// Runs `npm run start:worker` as a child process, the way an operator runs N of them, and
// resolves once it has started its queues; for fleet tests and the fleet benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL if still running (for afterAll). */
  kill(): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<WorkerProcess> {
  // Only what the process needs: a test's TEST_* variables must not leak into the app's config.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_') && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/start-worker.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'info', DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:worker did not start in time:\n${output}`)), options.startTimeoutMs ?? 180_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (!output.includes('workers started')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`start:worker exited during start:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
