// The worker thread of isolatedRunner: loads the plugin registry once, then evaluates one view
// per request, announcing each plugin before it runs so the parent can time it.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeDataView } from './decode-view.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { evaluateEach } from '../policy/evaluate.ts';
import type { WorkerMessage, WorkerRequest } from './evaluation-runner.ts';

const { registryUrl } = workerData as { registryUrl: string };
const registry = ((await import(registryUrl)) as { policyPlugins: ReadonlyMap<string, PolicyPlugin> }).policyPlugins;
const port = parentPort!;
const send = (msg: WorkerMessage) => port.postMessage(msg);

port.on('message', (req: WorkerRequest) => {
  try {
    const plugins = req.pluginIds.map((id) => {
      const plugin = registry.get(id);
      if (!plugin) throw new Error(`Plugin "${id}" is not in the worker's registry (${registryUrl}).`);
      return plugin;
    });
    let index = req.startAt;
    if (index < plugins.length) send({ type: 'start', index });
    for (const outcome of evaluateEach(plugins, decodeDataView(req.viewText), req.at, { configs: req.configs, startAt: req.startAt })) {
      send({ type: 'outcome', index, outcome });
      index++;
      if (index < plugins.length) send({ type: 'start', index });
    }
    send({ type: 'end' });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
