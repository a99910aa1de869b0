// What plugin:check asks of a plugin that loads, beyond definePolicyPlugin's own checks: its id
// matches its folder, every clause it cites has a README row, every id is named in the README,
// message ids used exist, metrics are known, and dated values are written oldest first.
import { basename } from 'node:path';
import ts from 'typescript';
import type { PolicyPlugin } from '../policy/index.ts';
import type { MetricCatalogue } from './metric-catalogue.ts';
import { problem, type Problem } from './problem.ts';
import { readClauseTable, tableCites } from './readme-table.ts';
import type { SourceLocator } from './source-locator.ts';

export interface DefinitionInput {
  dir: string;
  entry: string;
  plugin: PolicyPlugin;
  locator: SourceLocator;
  /** The plugin's own non-test sources, entry included. */
  sources: readonly ts.SourceFile[];
  readme: { file: string; text: string } | null;
  metrics: MetricCatalogue | null;
}

/** What this plugin declares itself, with the path it is written at: a baseline's items are the baseline's to check. */
interface OwnItem {
  kind: 'rule' | 'target' | 'task' | 'reminder' | 'report' | 'parameter';
  id: string;
  path: string;
  clause: string | undefined;
  clausePath: string;
}

function ownItems(plugin: PolicyPlugin): OwnItem[] {
  const base = plugin.baseline;
  const items: OwnItem[] = [];
  const add = (kind: OwnItem['kind'], key: string, list: readonly { id: string; clause?: string | undefined }[], skip: number) =>
    list.slice(skip).forEach((x, i) => items.push({ kind, id: x.id, path: `${key}[${i}]`, clause: x.clause, clausePath: `${key}[${i}].clause` }));
  add('rule', 'rules', plugin.rules.filter((r) => r.declaredBy === plugin.id).map((r) => ({ ...r, id: r.id.slice(plugin.id.length + 1) })), 0);
  add('target', 'targets', plugin.targets, base?.targets.length ?? 0);
  add('task', 'tasks', plugin.tasks, base?.tasks.length ?? 0);
  add('reminder', 'reminders', plugin.reminders, base?.reminders.length ?? 0);
  add('report', 'reports', plugin.reports, base?.reports.length ?? 0);
  for (const [name, p] of Object.entries(plugin.parameters)) {
    const inherited = base?.parameters[name];
    if (inherited === p) continue;
    const key = inherited ? 'parameterOverrides' : 'parameters';
    for (const v of p.values) items.push({ kind: 'parameter', id: name, path: `${key}.${name}`, clause: v.clause, clausePath: `${key}.${name}.values.${v.effectiveFrom}.clause` });
  }
  return items;
}

/** String literals an expression can evaluate to: `'a'`, `x ? 'a' : 'b'`, `'a' as const`. */
function literalsOf(expr: ts.Expression): ts.StringLiteralLike[] {
  if (ts.isStringLiteralLike(expr)) return [expr];
  if (ts.isConditionalExpression(expr)) return [...literalsOf(expr.whenTrue), ...literalsOf(expr.whenFalse)];
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return literalsOf(expr.expression);
  return [];
}

/** Every `messageId: '…'` (property or variable) written in the plugin's sources. */
function messageIdsUsed(sources: readonly ts.SourceFile[]): { source: ts.SourceFile; literal: ts.StringLiteralLike }[] {
  const used: { source: ts.SourceFile; literal: ts.StringLiteralLike }[] = [];
  for (const source of sources) {
    const visit = (node: ts.Node) => {
      if ((ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && node.name.getText(source) === 'messageId' && node.initializer) {
        for (const literal of literalsOf(node.initializer)) used.push({ source, literal });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return used;
}

const allLiterals = (sources: readonly ts.SourceFile[]) => {
  const texts = new Set<string>();
  for (const source of sources) {
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node)) texts.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return texts;
};

const at = (source: ts.SourceFile, node: ts.Node) => {
  const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return { line: line + 1, column: character + 1 };
};

/** Parameter values are written oldest first, so the file reads as the policy's history. */
function parameterOrder(input: DefinitionInput): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['parameters', 'parameterOverrides']) {
    const params = input.locator.node(key);
    const object = params && ts.isPropertyAssignment(params) ? params.initializer : undefined;
    if (!object || !ts.isObjectLiteralExpression(object)) continue;
    for (const prop of object.properties) {
      const name = prop.name?.getText(input.locator.source);
      const values = name ? input.locator.node(`${key}.${name.replace(/^['"]|['"]$/g, '')}.values`) : undefined;
      if (!values || !ts.isPropertyAssignment(values) || !ts.isObjectLiteralExpression(values.initializer)) continue;
      let latest = '';
      for (const v of values.initializer.properties) {
        const date = v.name && (ts.isStringLiteral(v.name) || ts.isIdentifier(v.name)) ? v.name.text : null;
        if (date === null) continue;
        if (date < latest) {
          problems.push(problem(input.entry, at(input.locator.source, v), `${key}.${name}.values: ${date} is written after ${latest}; write the dated values oldest first`));
        }
        if (date > latest) latest = date;
      }
    }
  }
  return problems;
}

const unknownMetric = (catalogue: MetricCatalogue, name: string) => {
  const reason = catalogue.reason?.(name);
  return `${reason ?? `"${name}" is not a metric core computes`}; core/metrics/catalog.ts lists the metrics and their arguments`;
};

export function checkDefinition(input: DefinitionInput): Problem[] {
  const { plugin, entry, locator } = input;
  const problems: Problem[] = [];
  const report = (path: string, message: string, hint?: string, severity: Problem['severity'] = 'error') =>
    problems.push(problem(entry, locator.locate(path, hint), message, severity));

  const folder = basename(input.dir);
  if (plugin.id !== folder) report('id', `id: "${plugin.id}" differs from its folder "${folder}"; name the folder after the id so the registry and the files agree`, plugin.id);
  if (!plugin.config.safeParse({}).success) report('config', 'config: an empty tenant config `{}` must parse: give every field a default');

  const items = ownItems(plugin);
  for (const item of items) {
    if (!item.clause?.trim()) {
      const severity = item.kind === 'report' ? 'warning' : 'error';
      report(item.clausePath, `${item.clausePath}: cite the clause this ${item.kind} encodes, as printed in the text (e.g. 三(三)10)`, item.id, severity);
    }
  }
  problems.push(...parameterOrder(input));
  for (const [name, p] of Object.entries(plugin.parameters)) {
    const first = p.values[0];
    const odd = p.values.find((v) => typeof v.value !== typeof first?.value);
    if (odd && items.some((i) => i.kind === 'parameter' && i.id === name)) {
      const key = plugin.baseline?.parameters[name] ? 'parameterOverrides' : 'parameters';
      report(`${key}.${name}.values.${odd.effectiveFrom}`, `${key}.${name}: the value from ${odd.effectiveFrom} is a ${typeof odd.value}, the one from ${first!.effectiveFrom} a ${typeof first!.value}; every value of a parameter has one type`);
    }
  }

  const own = plugin.layers[0]!;
  for (const { source, literal } of messageIdsUsed(input.sources)) {
    if (!Object.hasOwn(own.messages, literal.text)) {
      problems.push(problem(source.fileName, at(source, literal), `messageId "${literal.text}" is not declared in messages: declare it with its zh-CN and en text`));
    }
  }
  const literals = allLiterals(input.sources);
  for (const id of Object.keys(own.messages)) {
    if (!literals.has(id)) report(`messages.${id}`, `messages.${id} is declared but no rule reports it`, undefined, 'warning');
  }

  if (input.metrics) {
    const own = items.filter((i) => i.kind === 'target');
    own.forEach((item) => {
      const metric = plugin.targets.find((t) => t.id === item.id)?.metric;
      if (metric && !input.metrics!.isKnown(metric)) report(`${item.path}.metric`, `${item.path}.metric: ${unknownMetric(input.metrics!, metric)}`, metric);
    });
    items.filter((i) => i.kind === 'report').forEach((item) => {
      plugin.reports.find((r) => r.id === item.id)?.sections.forEach((s, si) =>
        s.metrics.forEach((m, mi) => {
          if (!input.metrics!.isKnown(m)) report(`${item.path}.sections[${si}].metrics[${mi}]`, `${item.path}.sections[${si}].metrics[${mi}]: ${unknownMetric(input.metrics!, m)}`, m);
        }),
      );
    });
  }

  problems.push(...checkReadme(input, items));
  return problems;
}

/** The README is the review contract: a clause table, a row for every clause cited, every id named. */
function checkReadme(input: DefinitionInput, items: readonly OwnItem[]): Problem[] {
  const { readme, entry, locator } = input;
  const readmeFile = readme?.file ?? `${input.dir}/README.md`;
  const top = { line: 1, column: 1 };
  if (!readme) return [problem(readmeFile, top, 'README.md is missing: describe the plugin in zh-CN and en, with a clause table (条款对照表)')];
  const table = readClauseTable(readme.text);
  if (!table) return [problem(readmeFile, top, 'README.md has no clause table: add a "## Clause table / 条款对照表" section with | clause 条款 | text 原文 | encoded as 编码 |')];
  if (table.rows.length === 0) return [problem(readmeFile, { line: table.headingLine, column: 1 }, 'the clause table has no rows: one row per quantitative or checkable clause')];
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const item of items) {
    const label = `${item.kind} \`${item.id}\``;
    if (!reported.has(label) && !readme.text.includes(`\`${item.id}\``)) {
      reported.add(label);
      problems.push(problem(entry, locator.locate(item.kind === 'parameter' ? item.path : `${item.path}.id`, item.id), `${label} is not named in README.md: write it in backticks in the clause table row of the clause it encodes`));
    }
    const clause = item.clause?.trim();
    if (clause && !reported.has(`clause ${clause}`) && !tableCites(table, clause)) {
      reported.add(`clause ${clause}`);
      problems.push(problem(entry, locator.locate(item.clausePath, clause), `clause "${clause}" (${item.clausePath}) has no row in README.md's clause table`));
    }
  }
  return problems;
}
