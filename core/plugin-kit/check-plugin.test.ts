// plugin:check as a specification: every real plugin and the template pass, and each broken
// fixture fails with exactly the `<file>:<line>:<col>: <message>` lines an integrator would see.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlugin, type CheckResult } from './check-plugin.ts';
import { loadMetricCatalogue, type MetricCatalogue } from './metric-catalogue.ts';
import { formatProblem } from './problem.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const fixture = (name: string) => join(HERE, 'fixtures', name);
const lines = (result: CheckResult, severity: 'error' | 'warning' = 'error') =>
  result.problems.filter((p) => p.severity === severity).map((p) => formatProblem(p, ROOT));
const check = (dir: string, metrics: MetricCatalogue | null = null) => checkPlugin(dir, { metrics });

const realPlugins = readdirSync(join(ROOT, 'plugins'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(ROOT, 'plugins', e.name, 'plugin.ts')))
  .map((e) => e.name);

describe("plugin:check on the plugins we ship, with core's metric catalogue", () => {
  let metrics: MetricCatalogue | null = null;
  beforeAll(async () => {
    const loaded = await loadMetricCatalogue();
    if (!('catalogue' in loaded)) throw new Error(loaded.skipped);
    metrics = loaded.catalogue;
  });

  it('finds the seven region and baseline plugins', () => {
    expect(realPlugins.length).toBeGreaterThanOrEqual(7);
  });

  it.each(realPlugins)('passes plugins/%s without an error or a warning', async (name) => {
    const result = await check(join(ROOT, 'plugins', name), metrics);
    expect(result.problems.map((p) => formatProblem(p, ROOT))).toEqual([]);
  });

  it('passes the scaffold template', async () => {
    expect((await check(join(HERE, 'template'), metrics)).problems).toEqual([]);
  });
});

describe('plugin:check on broken plugins, each error at its own file and line', () => {
  const f = 'core/plugin-kit/fixtures';

  it('refuses imports outside the SDK, in every file of the folder', async () => {
    expect(lines(await check(fixture('bad-imports')))).toEqual([
      `${f}/bad-imports/plugin.ts:2:26: "../../../policy/plugin-schema.ts" is inside the SDK but not its entry: import from core/policy/index.ts, the SDK's public surface`,
      `${f}/bad-imports/plugin.ts:4:32: "../../../teachers/practice-days.ts" is outside the SDK: a plugin imports only core/policy/index.ts, zod and its own files; what a rule reads comes through the data view`,
      `${f}/bad-imports/read-text.ts:2:30: "node:fs" is not available to a plugin: it imports only core/policy/index.ts, zod and its own files`,
    ]);
  });

  it("locates each field definePolicyPlugin refuses, down to a parameter value's clause", async () => {
    expect(lines(await check(fixture('definition-errors')))).toEqual([
      `${f}/definition-errors/plugin.ts:7:3: version: must be a semver version such as 1.0.0`,
      `${f}/definition-errors/plugin.ts:11:3: config.level: needs a default (Invalid input: expected string, received undefined)`,
      `${f}/definition-errors/plugin.ts:13:68: parameters.minDays: Parameter "minDays" has a value from 2024-01-01 without a clause; every value must cite the clause it comes from.`,
      `${f}/definition-errors/plugin.ts:16:65: rules[0].clause: must not be empty`,
      `${f}/definition-errors/plugin.ts:17:101: targets[0].deadline: must be a YYYY-MM-DD date`,
    ]);
  });

  it('points an SDK version mismatch at the sdk field', async () => {
    expect(lines(await check(fixture('sdk-mismatch')))).toEqual([
      `${f}/sdk-mismatch/plugin.ts:7:3: Plugin "sdk-mismatch" 2.0.0 was built for SDK ^9.0.0, but this is SDK 0.1.0.`,
    ]);
  });

  it('points a module that throws while loading at the throwing line', async () => {
    expect(lines(await check(fixture('load-error')))).toEqual([`${f}/load-error/plugin.ts:4:20: the plugin does not load: Unexpected end of JSON input`]);
  });

  it('asks for a default export made by definePolicyPlugin', async () => {
    expect(lines(await check(fixture('no-default-export')))).toEqual([
      `${f}/no-default-export/plugin.ts:1:1: plugin.ts has no default export made by definePolicyPlugin: end it with \`export default definePolicyPlugin({...})\``,
    ]);
  });

  it('asks for the id to be the folder name', async () => {
    expect(lines(await check(fixture('folder-mismatch')))).toEqual([
      `${f}/folder-mismatch/plugin.ts:5:3: id: "folder-renamed" differs from its folder "folder-mismatch"; name the folder after the id so the registry and the files agree`,
    ]);
  });

  it('asks for a README, and for a clause table in it', async () => {
    expect(lines(await check(fixture('no-readme')))).toEqual([`${f}/no-readme/README.md:1:1: README.md is missing: describe the plugin in zh-CN and en, with a clause table (条款对照表)`]);
    expect(lines(await check(fixture('no-clause-table')))).toEqual([
      `${f}/no-clause-table/README.md:1:1: README.md has no clause table: add a "## Clause table / 条款对照表" section with | clause 条款 | text 原文 | encoded as 编码 |`,
    ]);
  });

  it('points at the id the README does not name and the clause its table has no row for', async () => {
    expect(lines(await check(fixture('readme-gaps')))).toEqual([
      `${f}/readme-gaps/plugin.ts:14:7: task \`report\` is not named in README.md: write it in backticks in the clause table row of the clause it encodes`,
      `${f}/readme-gaps/plugin.ts:14:70: clause "一(二)" (tasks[1].clause) has no row in README.md's clause table`,
    ]);
  });

  it('finds a message id the plugin does not declare, in a helper file the types do not narrow', async () => {
    expect(lines(await check(fixture('unknown-message-id')))).toEqual([
      `${f}/unknown-message-id/late-findings.ts:8:59: messageId "agreementLat" is not declared in messages: declare it with its zh-CN and en text`,
    ]);
  });

  it('asks for dated values oldest first, and of one type', async () => {
    expect(lines(await check(fixture('unordered-parameters')))).toEqual([
      `${f}/unordered-parameters/plugin.ts:15:9: parameters.minDays.values: 2024-01-01 is written after 2024-06-01; write the dated values oldest first`,
      `${f}/unordered-parameters/plugin.ts:21:9: parameters.ratio: the value from 2024-06-01 is a string, the one from 2024-01-01 a number; every value of a parameter has one type`,
    ]);
  });

  it('checks target and report metrics against the catalogue when core has one', async () => {
    const catalogue = { isKnown: (name: string) => name === 'agreements.active' || name === 'agreements.active{mode=nope}' };
    expect(lines(await check(fixture('unknown-metric'), catalogue))).toEqual([
      `${f}/unknown-metric/plugin.ts:14:59: targets[1].metric: "bases.actve" is not a metric core computes; core/metrics/catalog.ts lists the metrics and their arguments`,
      `${f}/unknown-metric/plugin.ts:17:170: reports[0].sections[0].metrics[1]: "agrements.signed" is not a metric core computes; core/metrics/catalog.ts lists the metrics and their arguments`,
    ]);
    expect(lines(await check(fixture('unknown-metric'), null))).toEqual([]);
  });

  it("uses core's own metric catalogue, which also says what is wrong with a metric's arguments", async () => {
    const loaded = await loadMetricCatalogue();
    if (!('catalogue' in loaded)) throw new Error(loaded.skipped);
    const found = lines(await check(fixture('unknown-metric'), loaded.catalogue));
    expect(found.map((l) => l.split(': ')[0])).toEqual([
      `${f}/unknown-metric/plugin.ts:14:59`,
      `${f}/unknown-metric/plugin.ts:15:61`,
      `${f}/unknown-metric/plugin.ts:17:170`,
    ]);
    expect(found[1]).toMatch(/^[^ ]+ targets\[2\]\.metric: .*nope.*; core\/metrics\/catalog\.ts lists the metrics and their arguments$/);
  });

  it('reports what is only worth a look as warnings, which do not fail the check', async () => {
    const result = await check(fixture('warnings-only'));
    expect(result.errors).toBe(0);
    expect(lines(result, 'warning')).toEqual([
      `${f}/warnings-only/plugin.ts:1:1: warning: no tests: add plugin.test.ts with a testPlugin fixture for each edge of each rule`,
      `${f}/warnings-only/plugin.ts:11:15: warning: messages.leftOver is declared but no rule reports it`,
      `${f}/warnings-only/plugin.ts:13:19: warning: reports[0].clause: cite the clause this report encodes, as printed in the text (e.g. 三(三)10)`,
    ]);
  });

  it('runs the plugin once on an empty data view, on the first day all of it is in force', async () => {
    expect(lines(await check(fixture('rule-throws')))).toEqual([
      `${f}/rule-throws/plugin.ts:17:7: rule rule-throws/first-teacher fails on an empty data view at 2024-03-01 (threw): Rule "rule-throws/first-teacher" threw: Cannot read properties of undefined (reading 'name')`,
    ]);
  });

  it('passes a plugin extending a baseline, which lists only what it adds or overrides', async () => {
    expect(lines(await check(fixture('extends-baseline')))).toEqual([]);
  });

  it("refuses a baseline's helpers, and holds parameter overrides to the clause table", async () => {
    expect(lines(await check(fixture('extends-misuse')))).toEqual([
      `${f}/extends-misuse/plugin.ts:4:34: "../a-baseline/plugin.ts" may only be imported as \`import baseline from '../a-baseline/plugin.ts'\` (its default export, to extend it); a plugin does not reach into another plugin's helpers`,
      `${f}/extends-misuse/plugin.ts:18:35: clause "二(三)" (parameterOverrides.practiceMonths.values.2026-01-01.clause) has no row in README.md's clause table`,
    ]);
  });

  it('reports a file that does not parse where the parser stops, without loading it', async () => {
    // Written at test time: a fixture that does not parse would break the project's own typecheck.
    const dir = join(mkdtempSync(join(tmpdir(), 'syntax-')), 'syntax-error');
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'plugin.ts'), "export default definePolicyPlugin({\n  id: 'syntax-error',\n  version: '1.0.0' sdk: '^0.1.0',\n});\n");
      const result = await check(dir);
      expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([`${join(dir, 'plugin.ts')}:3:20: ',' expected.`]);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('names a folder without plugin.ts', async () => {
    expect(lines(await check(fixture('.')))).toEqual([
      `${f}/plugin.ts:1:1: plugin.ts is missing: a plugin folder's entry is plugin.ts, whose default export is made by definePolicyPlugin`,
    ]);
  });
});

describe('the metric catalogue plugin:check reads from core/metrics', () => {
  it('is skipped, with the reason, while core/metrics has no catalogue', async () => {
    expect(await loadMetricCatalogue(join(HERE, 'no-such-metrics.ts'))).toEqual({ skipped: 'metric names not checked: core/metrics/catalog.ts does not load' });
  });

  it('knows the names core/metrics lists, with or without {parameters}', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
    try {
      writeFileSync(join(dir, 'index.ts'), "export const metricNames = ['agreements.active'];\n");
      const loaded = await loadMetricCatalogue(join(dir, 'index.ts'));
      if (!('catalogue' in loaded)) throw new Error(loaded.skipped);
      expect(['agreements.active', 'agreements.active{mode=order_class}', 'agreements.signed'].map((m) => loaded.catalogue.isKnown(m))).toEqual([true, true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
