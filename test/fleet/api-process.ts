// Runs `npm run start:api` as a child process on a free loopback port, the way an operator runs
// N of them, and tells the test where it listens, what it printed and how it exited.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ApiProcess {
  origin: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and how long after `since` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL if still running (for afterAll). */
  kill(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<ApiProcess> {
  const port = await freePort();
  // Only what the process needs: a test's TEST_* variables must not leak into the app's config.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_') && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'web/start-api.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const running = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:api did not start in time:\n${output}`)), options.startTimeoutMs ?? 180_000);
    const onData = () => {
      if (!output.includes('Chanjiao is running at')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`start:api exited during start:\n${output}`));
    });
  });
  await running;
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
