// Specification of `npm run evaluate`: it evaluates a tenant's plugins from a shell and prints
// the run, and an unknown tenant is a clear error listing the known ones.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'chanjiao-evaluate-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const evaluate = (...args: string[]) =>
  promisify(execFile)(join(root, 'node_modules', '.bin', 'tsx'), ['workers/evaluate-cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'warn' },
  });

describe('npm run evaluate', () => {
  it('evaluates the tenant at the given date and prints the run as JSON', async () => {
    const { stdout } = await evaluate('--tenant', 'xpcc-12', '--at', '2026-03-01');
    expect(JSON.parse(stdout)).toMatchObject({ tenant: 'xpcc-12', at: '2026-03-01', errors: [] });
  }, 60_000);

  it('names the known tenants when the slug is unknown', async () => {
    await expect(evaluate('--tenant', 'nowhere')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('known: gaoqing') as unknown });
  }, 60_000);

  it('refuses a date that is not a day', async () => {
    await expect(evaluate('--tenant', 'gaoqing', '--at', '2026-13-01')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--at') as unknown });
  }, 60_000);
});
