// `npm run plugin:check [<dir>…] [--watch | --table]`: checks plugin folders (every one in plugins/
// when none is named), prints `<file>:<line>:<col>: <message>` per problem, exits 1 on any error.
import { existsSync, readdirSync, watch } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PolicyPlugin } from '../policy/index.ts';
import { checkPlugin } from './check-plugin.ts';
import { clauseTable } from './clause-table.ts';
import { loadMetricCatalogue } from './metric-catalogue.ts';
import { ROOT } from './paths.ts';
import { formatProblem } from './problem.ts';


function pluginDirs(): string[] {
  const plugins = join(ROOT, 'plugins');
  return readdirSync(plugins, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(plugins, e.name, 'plugin.ts')))
    .map((e) => join(plugins, e.name));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function checkAll(dirs: readonly string[]): Promise<number> {
  const metrics = await loadMetricCatalogue();
  if ('skipped' in metrics) console.error(`note: ${metrics.skipped}`);
  let errors = 0;
  for (const dir of dirs) {
    const result = await checkPlugin(dir, { metrics: 'catalogue' in metrics ? metrics.catalogue : null });
    for (const p of result.problems) console.log(formatProblem(p));
    const warnings = result.problems.length - result.errors;
    const name = relative(process.cwd(), result.dir) || result.dir;
    console.log(result.problems.length === 0 ? `✓ ${name}` : `${result.errors > 0 ? '✗' : '✓'} ${name}: ${plural(result.errors, 'error')}, ${plural(warnings, 'warning')}`);
    errors += result.errors;
  }
  return errors;
}

/** The plugin's tests: by path inside this repository, from its own root outside it. */
function testCommand(dir: string): { args: string[]; cwd: string } {
  const inside = !relative(ROOT, dir).startsWith('..');
  return inside ? { args: ['run', relative(ROOT, dir)], cwd: ROOT } : { args: ['run', '--root', dir], cwd: dir };
}

/** Re-checks in a fresh process (a module is imported once per process) and reruns the plugin's tests. */
function watchDir(dir: string): void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = () => {
    // A save during a run is not lost: the run starts over once this one ends.
    if (running) {
      again = true;
      return;
    }
    running = true;
    console.log(`\n— ${new Date().toISOString().slice(11, 19)} checking ${relative(process.cwd(), dir) || dir}`);
    const check = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir], { stdio: 'inherit' });
    check.on('exit', () => {
      const { args, cwd } = testCommand(dir);
      const tests = spawn(join(ROOT, 'node_modules', '.bin', 'vitest'), args, { stdio: 'inherit', cwd });
      tests.on('exit', () => {
        running = false;
        if (again) {
          again = false;
          run();
        } else console.log('— watching for changes (Ctrl-C to stop)');
      });
    });
  };
  watch(dir, { recursive: true }, (_event, file) => {
    // vitest writes its cache under the root it runs in; hidden files and node_modules are not the plugin.
    if (!file || /(^|\/)(node_modules|\.)/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  run();
}

/** `--table`: the clause table the README should hold, generated from the plugin, to start the README from. */
async function printTable(dir: string): Promise<void> {
  const { default: plugin } = (await import(pathToFileURL(join(dir, 'plugin.ts')).href)) as { default: PolicyPlugin };
  console.log(clauseTable(plugin));
}

const args = process.argv.slice(2);
const watching = args.includes('--watch');
const table = args.includes('--table');
// npm runs scripts from the package root; a folder is named relative to where the command was typed.
const dirs = args.filter((a) => a !== '--watch' && a !== '--table').map((d) => resolve(process.env.INIT_CWD ?? process.cwd(), d));
if (table) {
  if (dirs.length !== 1) {
    console.error('usage: npm run plugin:check -- --table <plugin dir>');
    process.exit(2);
  }
  await printTable(dirs[0]!);
} else if (watching) {
  if (dirs.length !== 1) {
    console.error('usage: npm run plugin:check -- <plugin dir> --watch');
    process.exit(2);
  }
  watchDir(dirs[0]!);
} else {
  process.exitCode = (await checkAll(dirs.length > 0 ? dirs : pluginDirs())) > 0 ? 1 : 0;
}
