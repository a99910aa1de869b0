// plugin:new as a specification: a scaffolded plugin passes its own example test and plugin:check
// on its first run, a bad or taken id is refused with a clear message and nothing is written.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPlugin } from './check-plugin.ts';
import { scaffoldPlugin, ScaffoldError } from './scaffold.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

let pluginsDir: string;
beforeEach(() => {
  // A plugins folder outside the repo, as an integrator's own checkout would be; its imports of
  // zod and vitest resolve through the linked node_modules, the SDK through a relative path.
  pluginsDir = mkdtempSync(join(tmpdir(), 'plugin-kit-'));
  symlinkSync(join(ROOT, 'node_modules'), join(pluginsDir, 'node_modules'));
});
afterEach(() => rmSync(pluginsDir, { recursive: true, force: true }));

/** A child process starts tsx or vitest from cold; on a loaded two-core machine that alone can take many seconds. */
const CHILD_PROCESS_TIMEOUT = 120_000;

const run = (command: string, args: string[], cwd = ROOT) => spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd, NO_COLOR: '1' } });

describe('a scaffolded plugin', () => {
  it('holds plugin.ts, plugin.test.ts and README.md, named after its id', () => {
    const made = scaffoldPlugin({ id: 'demo-plan', pluginsDir });
    expect(readdirSync(made.dir).sort()).toEqual(['README.md', 'plugin.test.ts', 'plugin.ts']);
    const source = readFileSync(join(made.dir, 'plugin.ts'), 'utf8');
    expect(source).toContain("id: 'demo-plan',");
    expect(source).not.toContain("'../../policy/index.ts'");
    expect(readFileSync(join(made.dir, 'README.md'), 'utf8')).toMatch(/^# demo-plan\n[\s\S]*## Clause table \/ 条款对照表\n/);
    // Built aside and renamed into place: no staging folder is left behind.
    expect(readdirSync(pluginsDir).sort()).toEqual(['demo-plan', 'node_modules']);
  });

  it('passes plugin:check on its first run', async () => {
    const made = scaffoldPlugin({ id: 'demo-plan', pluginsDir });
    expect((await checkPlugin(made.dir, { metrics: null })).problems).toEqual([]);
  });

  it('passes its example test on its first run', () => {
    scaffoldPlugin({ id: 'demo-plan', pluginsDir });
    const result = run(bin('vitest'), ['run', '--root', pluginsDir], pluginsDir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+3 passed/);
  }, CHILD_PROCESS_TIMEOUT);
});

describe('npm run plugin:new', () => {
  it('scaffolds and prints the next steps: register, enable, test and check', () => {
    const result = run(bin('tsx'), [join(HERE, 'new-cli.ts'), 'demo-plan', '--dir', pluginsDir], pluginsDir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Created demo-plan/ (plugin.ts, plugin.test.ts, README.md)');
    expect(result.stdout).toContain("import demoPlan from './demo-plan/plugin.ts'; and add demoPlan to the list.");
    expect(result.stdout).toContain("plugins: [{ id: 'demo-plan', config: {} }]");
    expect(result.stdout).toContain('npm run plugin:check demo-plan');
  }, CHILD_PROCESS_TIMEOUT);

  it('refuses a bad id on stderr with exit code 1, and writes nothing', () => {
    const result = run(bin('tsx'), [join(HERE, 'new-cli.ts'), 'Demo_Plan', '--dir', pluginsDir], pluginsDir);
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({
      status: 1,
      stderr: 'plugin:new: "Demo_Plan" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens), e.g. "demo-plan"',
    });
    expect(readdirSync(pluginsDir)).toEqual(['node_modules']);
  }, CHILD_PROCESS_TIMEOUT);
});

describe('the id', () => {
  it.each([
    ['Demo_Plan', '"Demo_Plan" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens), e.g. "demo-plan"'],
    ['demo--plan', '"demo--plan" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens), e.g. "demo-plan"'],
    ['demo-plan-', '"demo-plan-" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens), e.g. "demo-plan"'],
    ['-', '"-" is not a plugin id: use kebab-case (a-z, 0-9 and single hyphens)'],
    [undefined, 'Name the plugin: npm run plugin:new <id>, e.g. npm run plugin:new zibo-hitech-2024'],
  ])('%s is refused, with nothing written', (id, message) => {
    expect(() => scaffoldPlugin({ id, pluginsDir })).toThrow(new ScaffoldError(message));
    expect(readdirSync(pluginsDir)).toEqual(['node_modules']);
  });

  it('may hold digits and start with one', () => {
    expect(scaffoldPlugin({ id: '2025-plan-v2', pluginsDir }).id).toBe('2025-plan-v2');
  });
});

describe('an id already taken', () => {
  it('is refused when its folder exists, leaving the folder as it was', () => {
    mkdirSync(join(pluginsDir, 'demo-plan'));
    writeFileSync(join(pluginsDir, 'demo-plan', 'notes.md'), 'mine');
    expect(() => scaffoldPlugin({ id: 'demo-plan', pluginsDir })).toThrow(ScaffoldError);
    expect(() => scaffoldPlugin({ id: 'demo-plan', pluginsDir })).toThrow(/demo-plan already exists: choose another id$/);
    expect(readdirSync(join(pluginsDir, 'demo-plan'))).toEqual(['notes.md']);
  });

  it('is refused when another folder declares it', () => {
    mkdirSync(join(pluginsDir, 'older-name'));
    writeFileSync(join(pluginsDir, 'older-name', 'plugin.ts'), "export default definePolicyPlugin({\n  id: 'demo-plan',\n});\n");
    expect(() => scaffoldPlugin({ id: 'demo-plan', pluginsDir })).toThrow(/^plugin id "demo-plan" is already declared by .*older-name\/plugin\.ts: choose another id$/);
  });

  it('is refused for every plugin this repository ships', () => {
    expect(() => scaffoldPlugin({ id: 'xpcc12-2020', pluginsDir: join(ROOT, 'plugins') })).toThrow(/plugins\/xpcc12-2020 already exists/);
  });
});

describe('npm run plugin:check', () => {
  it('prints file:line:col per error and exits 1', () => {
    const result = run(bin('tsx'), [join(HERE, 'check-cli.ts'), 'core/plugin-kit/fixtures/readme-gaps']);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter((l) => !l.includes('warning:'))).toEqual([
      'core/plugin-kit/fixtures/readme-gaps/plugin.ts:14:7: task `report` is not named in README.md: write it in backticks in the clause table row of the clause it encodes',
      'core/plugin-kit/fixtures/readme-gaps/plugin.ts:14:70: clause "一(二)" (tasks[1].clause) has no row in README.md\'s clause table',
      '✗ core/plugin-kit/fixtures/readme-gaps: 2 errors, 1 warning',
      '',
    ]);
  }, CHILD_PROCESS_TIMEOUT);

  it('exits 0 on a freshly scaffolded plugin', () => {
    const made = scaffoldPlugin({ id: 'demo-plan', pluginsDir });
    const result = run(bin('tsx'), [join(HERE, 'check-cli.ts'), made.dir]);
    expect(result.status, result.stdout).toBe(0);
  }, CHILD_PROCESS_TIMEOUT);
});
