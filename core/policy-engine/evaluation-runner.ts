// How plugins are run over a data view: in this thread (tests, tools), or in a worker thread
// that times every plugin, so a plugin that loops is cut off and the others' results stand.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { IsoDate } from '../policy/dates.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { evaluatePlugins, type EvaluateOptions, type EvaluationResult, type PluginError, type PluginOutcome } from '../policy/evaluate.ts';
import type { Finding } from '../policy/finding.ts';
import { viewDecoder } from './decode-view.ts';
import { findingDigest } from './store-findings.ts';
import type { ViewPart, ViewParts } from './load-view.ts';

export interface EvaluationRunner {
  /**
   * `view` is the compact view as it arrives from the database (loadDataViewParts): a worker
   * takes text far cheaper than a cloned object graph, and decodes each collection as it comes.
   * A view that fails to load fails the run.
   */
  run(plugins: readonly PolicyPlugin[], view: ViewParts, at: IsoDate, options: EvaluateOptions): Promise<EvaluationResult>;
  close(): Promise<void>;
}

export const inThreadRunner: EvaluationRunner = {
  run: async (plugins, view, at, options) => {
    const decoder = viewDecoder(view.tenantId);
    for (const part of view.parts) {
      const { name, text } = await part;
      decoder.add(name, text);
    }
    return evaluatePlugins(plugins, decoder.view(), at, options);
  },
  close: async () => {},
};

export interface IsolatedRunnerOptions {
  /** A module exporting `policyPlugins` (a Map by id): the worker loads the plugins from it. */
  registryUrl: URL;
  /** Wall time one plugin may take before it is cut off and recorded as a `timeout` error. */
  budgetMs: number;
  /** Told each plugin's wall time and error, if any (the process's metrics listen here). */
  onPluginEvaluated?: (pluginId: string, ms: number, error: PluginError | null) => void;
}

/** Messages from evaluation-worker.ts. */
export type WorkerMessage = { type: 'start'; index: number } | { type: 'outcome'; index: number; outcome: PluginOutcome } | { type: 'end' } | { type: 'failed'; message: string };
/**
 * Messages to evaluation-worker.ts, for one evaluation at a time: `view` begins a view, each
 * `part` adds a collection (decoded on arrival), `run` evaluates the plugins over it.
 */
export type WorkerRequest =
  | { type: 'view'; tenantId: string }
  | ({ type: 'part' } & ViewPart)
  | { type: 'run'; pluginIds: string[]; at: IsoDate; configs: Readonly<Record<string, unknown>>; startAt: number };

// The worker is TypeScript: a worker's execArgv cannot carry tsx's loader on Node 20, so a tiny
// JavaScript bootstrap loads the worker module through tsx's tsImport (under tsx and vitest alike).
const require = createRequire(import.meta.url);
// The ESM build of the API (require.resolve finds the CommonJS one).
const tsxApi = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const workerModule = new URL('./evaluation-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerModule)}, ${JSON.stringify(import.meta.url)}))`;

export function isolatedRunner(options: IsolatedRunnerOptions): EvaluationRunner {
  let worker: Worker | null = null;
  // One evaluation at a time per runner: the worker holds one view.
  let queue: Promise<unknown> = Promise.resolve();

  const spawn = () => new Worker(bootstrap, { eval: true, workerData: { registryUrl: options.registryUrl.href } });

  const runOnce = (plugins: readonly PolicyPlugin[], view: ViewParts, at: IsoDate, evalOptions: EvaluateOptions) =>
    new Promise<EvaluationResult>((resolve, reject) => {
      // Kept until the run ends: a worker started after a timeout is sent the whole view again.
      const arrived: ViewPart[] = [];
      let loaded = false;
      const findings: Finding[] = [];
      const errors: PluginError[] = [];
      let timer: NodeJS.Timeout | undefined;
      let current = -1;
      let startedAt = 0;
      const report = (error: PluginError | null) => options.onPluginEvaluated?.(plugins[current]!.id, performance.now() - startedAt, error);
      const request = (startAt: number) => {
        worker ??= spawn();
        const w = worker;
        const onMessage = (msg: WorkerMessage) => {
          if (msg.type === 'start') {
            current = msg.index;
            startedAt = performance.now();
            clearTimeout(timer);
            timer = setTimeout(() => {
              const plugin = plugins[current]!;
              const error: PluginError = { pluginId: plugin.id, pluginVersion: plugin.version, ruleId: null, kind: 'timeout', message: `Plugin "${plugin.id}" ran past its ${options.budgetMs} ms budget and was stopped.` };
              errors.push(error);
              report(error);
              detach();
              worker = null;
              void w.terminate().then(() => (current + 1 < plugins.length ? request(current + 1) : finish()));
            }, options.budgetMs);
          } else if (msg.type === 'outcome') {
            clearTimeout(timer);
            report(msg.outcome.error);
            for (const f of msg.outcome.findings) findings.push(f);
            // The main thread is idle while the worker runs the next plugin: digest these
            // findings for the store then (after the next plugin's start has been timed).
            const arrivedFindings = msg.outcome.findings;
            setImmediate(() => {
              for (const f of arrivedFindings) findingDigest(f);
            });
            if (msg.outcome.error) errors.push(msg.outcome.error);
          } else if (msg.type === 'end') {
            detach();
            finish();
          } else {
            detach();
            fail(new Error(msg.message));
          }
        };
        const onError = (error: Error) => {
          detach();
          worker = null;
          fail(error);
        };
        const detach = () => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.unref();
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.ref();
        const post = (req: WorkerRequest) => w.postMessage(req);
        post({ type: 'view', tenantId: view.tenantId });
        for (const part of arrived) post({ type: 'part', ...part });
        const go = () => post({ type: 'run', pluginIds: plugins.map((p) => p.id), at, configs: evalOptions.configs ?? {}, startAt });
        if (loaded) {
          go();
          return;
        }
        // The first worker gets each collection as the database hands it over; after the run
        // has failed (the worker could not decode a part, or died) nothing more is sent.
        void (async () => {
          try {
            for (const pending of view.parts.slice(arrived.length)) {
              const part = await pending;
              if (settled) return;
              arrived.push(part);
              post({ type: 'part', ...part });
            }
          } catch (error) {
            if (settled) return;
            detach();
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          loaded = true;
          if (!settled) go();
        })();
      };
      let settled = false;
      const finish = () => {
        settled = true;
        resolve({ at, findings, errors });
      };
      const fail = (error: Error) => {
        settled = true;
        reject(error);
      };
      request(0);
    });

  return {
    run(plugins, view, at, evalOptions) {
      const result = queue.then(() => runOnce(plugins, view, at, evalOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      await worker?.terminate();
      worker = null;
    },
  };
}
