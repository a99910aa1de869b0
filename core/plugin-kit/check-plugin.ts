// plugin:check for one plugin folder: imports first (read, not run), then the module is loaded
// (definePolicyPlugin's own checks), then the definition is held to its README and to core.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { checkDefinition } from './definition-checks.ts';
import { checkImports, isTestFile } from './import-check.ts';
import { loadPlugin } from './load-plugin.ts';
import type { MetricCatalogue } from './metric-catalogue.ts';
import { problem, sortProblems, type Problem } from './problem.ts';
import { smokeRun } from './smoke-run.ts';
import { createSourceLocator } from './source-locator.ts';

export interface CheckResult {
  dir: string;
  problems: Problem[];
  errors: number;
}

export interface CheckOptions {
  /** Known metric names; null skips the metric check (core/metrics not there yet). */
  metrics: MetricCatalogue | null;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${'/'}node_modules${'/'}`))
    .sort();
}

function syntaxProblems(source: ts.SourceFile): Problem[] {
  const { diagnostics = [] } = ts.transpileModule(source.text, { fileName: source.fileName, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 } });
  return diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
      return problem(source.fileName, { line: line + 1, column: character + 1 }, ts.flattenDiagnosticMessageText(d.messageText, ' '));
    });
}

export async function checkPlugin(pluginDir: string, options: CheckOptions): Promise<CheckResult> {
  const dir = resolve(pluginDir);
  const done = (problems: Problem[]): CheckResult => ({ dir, problems: sortProblems(problems), errors: problems.filter((p) => p.severity === 'error').length });
  const entry = join(dir, 'plugin.ts');
  if (!existsSync(dir)) return done([problem(dir, { line: 1, column: 1 }, 'no such plugin folder')]);
  if (!existsSync(entry)) return done([problem(entry, { line: 1, column: 1 }, 'plugin.ts is missing: a plugin folder\'s entry is plugin.ts, whose default export is made by definePolicyPlugin')]);

  const files = tsFiles(dir);
  const sources = files.map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  // A file that does not parse is reported as the parser sees it; loading it would only say so less clearly.
  const syntax = sources.flatMap((s) => syntaxProblems(s));
  if (syntax.length > 0) return done(syntax);
  const problems = sources.flatMap((s) => checkImports(dir, s));
  if (!files.some(isTestFile)) problems.push(problem(entry, { line: 1, column: 1 }, 'no tests: add plugin.test.ts with a testPlugin fixture for each edge of each rule', 'warning'));

  const locator = createSourceLocator(entry, readFileSync(entry, 'utf8'));
  const loaded = await loadPlugin(entry, locator);
  if (!loaded.plugin) return done([...problems, ...loaded.problems]);

  const readmeFile = join(dir, 'README.md');
  problems.push(
    ...checkDefinition({
      dir,
      entry,
      plugin: loaded.plugin,
      locator,
      sources: sources.filter((s) => !isTestFile(s.fileName)),
      readme: existsSync(readmeFile) ? { file: readmeFile, text: readFileSync(readmeFile, 'utf8') } : null,
      metrics: options.metrics,
    }),
  );
  problems.push(...smokeRun(loaded.plugin, entry, locator));
  return done(problems);
}
