// `npm start` on a fresh data folder is the newcomer's first minute: it must migrate the
// embedded database, serve pages and health, and say plainly when background jobs cannot run.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET } from '../../core/demo/demo-accounts.ts';
import { totpCodeFor } from '../../core/two-factor/totp.ts';
import { json } from '../support/test-app.ts';
import { testEngine } from '../support/test-database.ts';

const root = join(import.meta.dirname, '..', '..');
const running: ChildProcess[] = [];

const scratch: string[] = [];
const scratchDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

async function npmStart(env: Record<string, string>, dir = scratchDir('chanjiao-start-')): Promise<{ url: string; pid: number; output: () => string; stop: () => Promise<void> }> {
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 45_000);
    const poll = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(match[1]!);
      }
    }, 100);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { url, pid: child.pid!, output: () => output, stop: () => stop(child) };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // the group is already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

afterEach(async () => {
  for (const child of running.splice(0)) await stop(child);
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// The embedded start does not depend on TEST_DATABASE_URL; it runs once, in the PGlite pass.
describe.skipIf(testEngine() === 'postgres')('npm start in an empty DATA_DIR', () => {
  it('answers /healthz, serves the sign-in page, prints the demo logins and accepts them', async () => {
    const { url, output } = await npmStart({});
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/t/gaoqing/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password"');
    expect(output()).toContain('bureau@gaoqing.demo');
    expect(output()).toContain('operator@chanjiao.demo');
    const res = await fetch(`${url}/api/v1/t/xpcc-12/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bureau@xpcc-12.demo', password: 'Chanjiao-demo-2026' }),
    });
    expect(res.status).toBe(200);
  }, 60_000);

  it('keeps the embedded database across restarts', async () => {
    const dir = scratchDir('chanjiao-start-');
    const first = await npmStart({}, dir);
    const signIn = (url: string, password: string) =>
      fetch(`${url}/api/v1/t/gaoqing/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'teacher@gaoqing.demo', password }),
      });
    const session = await signIn(first.url, 'Chanjiao-demo-2026');
    // Demo accounts are enrolled in 2FA with the documented demo key: the code step completes the sign-in.
    const code = await fetch(`${first.url}/api/v1/t/gaoqing/session/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.url, cookie: session.headers.getSetCookie()[0]!.split(';')[0]! },
      body: JSON.stringify({ code: totpCodeFor(DEMO_TOTP_SECRET, new Date()) }),
    });
    expect(code.status).toBe(200);
    const changed = await fetch(`${first.url}/api/v1/t/gaoqing/me/password`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: first.url, cookie: code.headers.getSetCookie()[0]!.split(';')[0]! },
      body: JSON.stringify({ currentPassword: 'Chanjiao-demo-2026', newPassword: 'Kept-across-restarts-1' }),
    });
    expect(changed.status).toBe(200);
    await first.stop();
    const second = await npmStart({}, dir);
    expect((await signIn(second.url, 'Kept-across-restarts-1')).status).toBe(200);
  }, 90_000);

  it('stops a redis-server that a killed earlier start left behind', async () => {
    const dir = scratchDir('chanjiao-start-');
    const first = await npmStart({}, dir);
    const pidFile = join(dir, 'redis', 'redis.pid');
    const stalePid = Number(readFileSync(pidFile, 'utf8'));
    // Kill npm and node outright, as an OOM killer would; their Redis child is left running.
    const group = execFileSync('pgrep', ['-g', String(first.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
    for (const pid of group) if (pid !== stalePid) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const alive = (pid: number) => existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
    expect(alive(stalePid)).toBe(true);
    const second = await npmStart({}, dir);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    expect(alive(stalePid)).toBe(false);
  }, 90_000);

  it('without any Redis still serves, and says why background jobs are paused and how to fix it', async () => {
    // A PATH holding only node, npm and sh (npm runs scripts with it): no redis-server to start.
    const bin = scratchDir('chanjiao-bin-');
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync(realpathSync(join(dirname(process.execPath), 'npm')), join(bin, 'npm'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const { url, output } = await npmStart({ PATH: bin });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await json(ready)).down).toEqual(['redis']);
    expect(output()).toMatch(/no redis-server was found on PATH.*REDIS_URL/s);
  }, 60_000);

  it('refuses a bad environment, naming every bad variable', async () => {
    await expect(npmStart({ PORT: 'eighty', LOG_LEVEL: 'loud' })).rejects.toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  }, 60_000);
});
