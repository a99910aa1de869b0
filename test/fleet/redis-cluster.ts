// Starts a 3-master Redis Cluster on loopback (redis-server --cluster-enabled yes ×3, then
// redis-cli --cluster create) in a temp dir, for tests that must run on a cluster; stops it after.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../core/backup/run-tool.ts';
import { freePort, waitForPort } from './ports.ts';

export interface RedisCluster {
  /** Seed nodes, e.g. for `new Cluster(nodes)`. */
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** A port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 > 65_535) continue;
    return port;
  }
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'cj-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const port = await clusterPort();
      ports.push(port);
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
          '--dir', dir, '--save', '', '--appendonly', 'no', '--cluster-node-timeout', '5000'],
        { stdio: 'ignore' },
      );
      children.push(child);
      await waitForPort(port, 10_000);
    }
    await runTool('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must agree that all slots are served before clients connect.
    for (const port of ports) {
      for (let i = 0; ; i++) {
        const info = await runTool('redis-cli', ['-p', String(port), 'cluster', 'info']);
        if (info.includes('cluster_state:ok')) break;
        if (i > 100) throw new Error(`cluster node ${port} not ok:\n${info}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop };
}
