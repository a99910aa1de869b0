// Shared by the workers' tests and their child process: worker deps over a test database, a
// private redis-server (so FLUSHALL touches nobody else), a webhook receiver, and polling.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { systemClock } from '../core/clock/clock.ts';
import type { Db } from '../core/db/database.ts';
import { createLogger } from '../core/log/logger.ts';
import { inThreadRunner } from '../core/policy-engine/evaluation-runner.ts';
import type { PolicyPlugin } from '../core/policy/define-policy-plugin.ts';
import { tenantDirectory } from '../core/tenancy/tenant-directory.ts';
import { createRedis, type RedisConnection } from './redis-connection.ts';
import type { WorkerDeps } from './worker-deps.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const testPrefix = () => `cjtest-${randomBytes(4).toString('hex')}`;

export function testWorkerDeps(db: Db, connection: RedisConnection, prefix: string, plugins: readonly PolicyPlugin[], over: Partial<WorkerDeps> = {}): WorkerDeps {
  return {
    connection,
    prefix,
    db,
    tenants: tenantDirectory(db, 0),
    clock: systemClock,
    log: createLogger('silent'),
    policy: { registry: new Map(plugins.map((p) => [p.id, p])), runner: inThreadRunner },
    publicUrl: 'http://localhost:3000',
    email: null,
    concurrency: 2,
    deliveryConcurrency: 20,
    delivery: { backoffMs: 200, leaseMs: 10_000, maxAttempts: 3, webhookTimeoutMs: 2_000 },
    lockDurationMs: 2_000,
    ...over,
  };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server of the test's own, without persistence, so FLUSHALL is safe. */
export async function privateRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const probe = createRedis(url);
  probe.on('error', () => undefined);
  await waitFor(() => probe.ping().catch(() => 'down'), (v) => v === 'PONG', 10_000, 'redis-server');
  probe.disconnect();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Received {
  path: string;
  deliveryId: string;
  status: number;
}

/** A webhook receiver; `answer` decides each response (status, or 'hang' to never answer). */
export async function webhookReceiver(answer: (req: IncomingMessage, seen: Received[]) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const deliveryId = String(req.headers['x-chanjiao-delivery-id']);
      const a = answer(req, received);
      received.push({ path: req.url ?? '', deliveryId, status: a === 'hang' ? 0 : a });
      if (a === 'hang') return void hanging.push(res);
      res.writeHead(a, { 'content-type': 'application/json' }).end(a === 200 ? '{"errcode":0}' : 'failing');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
