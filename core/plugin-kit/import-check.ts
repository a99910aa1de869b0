// A plugin may import the SDK and nothing else of the platform: what it reads comes through the
// data view, so its rules stay pure and portable. Imports are read with the TypeScript parser.
import { builtinModules } from 'node:module';
import { basename, dirname, resolve, sep } from 'node:path';
import ts from 'typescript';
import { SDK_ENTRY } from './paths.ts';
import { problem, type Problem } from './problem.ts';

/** Packages a plugin's own code may use: zod for its config schema. */
const PLUGIN_PACKAGES = new Set(['zod']);
/** What a plugin's tests may use besides: the test runner and Node's built-ins (to read the README, say). */
const TEST_PACKAGES = new Set(['vitest']);

export const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

interface ImportSite {
  specifier: string;
  node: ts.Node;
  /** `import x from '…'` with no named bindings: how a plugin takes a baseline to extend. */
  defaultOnly: boolean;
}

function importSites(source: ts.SourceFile): ImportSite[] {
  const sites: ImportSite[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      sites.push({ specifier: node.moduleSpecifier.text, node: node.moduleSpecifier, defaultOnly: !!clause?.name && !clause.namedBindings && !clause.isTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      sites.push({ specifier: node.moduleSpecifier.text, node: node.moduleSpecifier, defaultOnly: false });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      sites.push({ specifier: node.moduleReference.expression.text, node: node.moduleReference.expression, defaultOnly: false });
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const arg = node.arguments[0];
      // A computed specifier cannot be checked, so it is refused as such.
      sites.push({ specifier: arg && ts.isStringLiteral(arg) ? arg.text : '(computed)', node: arg ?? node, defaultOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** Problems for every import of `source` (a file in `pluginDir`) that reaches outside the SDK. */
export function checkImports(pluginDir: string, source: ts.SourceFile): Problem[] {
  const file = source.fileName;
  const test = isTestFile(file);
  const dir = resolve(pluginDir);
  const problems: Problem[] = [];
  for (const site of importSites(source)) {
    const { specifier } = site;
    const at = source.getLineAndCharacterOfPosition(site.node.getStart(source));
    const report = (message: string) => problems.push(problem(file, { line: at.line + 1, column: at.character + 1 }, message));
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = resolve(dirname(file), specifier);
      if (target === SDK_ENTRY || target === dirname(SDK_ENTRY)) continue;
      if (target.startsWith(dir + sep)) continue;
      // `extends` needs the baseline's definition: its default export, nothing it keeps for itself.
      if (basename(target) === 'plugin.ts' && dirname(dirname(target)) === dirname(dir)) {
        if (site.defaultOnly) continue;
        report(`"${specifier}" may only be imported as \`import baseline from '${specifier}'\` (its default export, to extend it); a plugin does not reach into another plugin's helpers`);
        continue;
      }
      if (target.startsWith(dirname(SDK_ENTRY) + sep)) {
        report(`"${specifier}" is inside the SDK but not its entry: import from core/policy/index.ts, the SDK's public surface`);
        continue;
      }
      report(`"${specifier}" is outside the SDK: a plugin imports only core/policy/index.ts, zod and its own files; what a rule reads comes through the data view`);
      continue;
    }
    if (PLUGIN_PACKAGES.has(specifier)) continue;
    if (test && (TEST_PACKAGES.has(specifier) || isBuiltin(specifier))) continue;
    report(
      test
        ? `"${specifier}" is not available to a plugin's tests: they import the SDK, vitest, Node's built-ins and the plugin's own files`
        : `"${specifier}" is not available to a plugin: it imports only core/policy/index.ts, zod and its own files`,
    );
  }
  return problems;
}
