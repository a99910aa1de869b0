// The worker thread of isolatedRunner: loads the plugin registry once, then evaluates one view
// at a time: each collection is decoded as it arrives (while the database still builds the
// next), and each plugin is announced before it runs so the parent can time it.
import { parentPort, workerData } from 'node:worker_threads';
import { viewDecoder, type ViewDecoder } from './decode-view.ts';
import type { PolicyPlugin } from '../policy/define-policy-plugin.ts';
import { evaluateEach } from '../policy/evaluate.ts';
import type { WorkerMessage, WorkerRequest } from './evaluation-runner.ts';

const { registryUrl } = workerData as { registryUrl: string };
const registry = ((await import(registryUrl)) as { policyPlugins: ReadonlyMap<string, PolicyPlugin> }).policyPlugins;
const port = parentPort!;
const send = (msg: WorkerMessage) => port.postMessage(msg);

/** The view being received; null after a failure, until the next `view` (the parent has been told). */
let decoder: ViewDecoder | null = null;

port.on('message', (req: WorkerRequest) => {
  if (req.type === 'view') {
    decoder = viewDecoder(req.tenantId);
    return;
  }
  if (!decoder) return;
  try {
    if (req.type === 'part') {
      decoder.add(req.name, req.text);
      return;
    }
    const view = decoder.view();
    decoder = null;
    const plugins = req.pluginIds.map((id) => {
      const plugin = registry.get(id);
      if (!plugin) throw new Error(`Plugin "${id}" is not in the worker's registry (${registryUrl}).`);
      return plugin;
    });
    let index = req.startAt;
    if (index < plugins.length) send({ type: 'start', index });
    for (const outcome of evaluateEach(plugins, view, req.at, { configs: req.configs, startAt: req.startAt })) {
      send({ type: 'outcome', index, outcome });
      index++;
      if (index < plugins.length) send({ type: 'start', index });
    }
    send({ type: 'end' });
  } catch (error) {
    decoder = null;
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
